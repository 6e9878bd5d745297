package dev.abacus.view;

/**
 * How far the view has read one partition: {@code position} is the next offset it will read,
 * {@code endOffset} the last read-committed log end it knows, {@code startupEndOffset} the end it
 * saw when it started (what it must reach before it may turn ready).
 */
record PartitionProgress(int partition, long position, long endOffset, long startupEndOffset) {

    long lag() {
        return Math.max(0, endOffset - position);
    }

    boolean reachedStartupEnd() {
        return position >= startupEndOffset;
    }
}

package dev.abacus.kubectl;

/** A text progress bar: {@code [##########----------]}. */
final class ProgressBar {

    static final int WIDTH = 30;

    private ProgressBar() {
    }

    /** {@code done} out of {@code total}; a total of 0 is complete (an empty log is replayed at once). */
    static String of(long done, long total, int width) {
        int filled = total <= 0 ? width : (int) Math.min(width, Math.max(0, done) * width / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    /** Whole percent, rounded down, so that 100% means done. */
    static int percent(long done, long total) {
        return total <= 0 ? 100 : (int) Math.min(100, Math.max(0, done) * 100 / total);
    }
}

package dev.abacus.view;

import java.util.List;

/** A consistent snapshot of the projector's reading position, published after every poll. */
record Progress(List<PartitionProgress> partitions) {

    static final Progress NONE = new Progress(List.of());

    long lag() {
        long lag = 0;
        for (PartitionProgress partition : partitions) {
            lag += partition.lag();
        }
        return lag;
    }

    boolean reachedStartupEnd() {
        if (partitions.isEmpty()) {
            return false;
        }
        for (PartitionProgress partition : partitions) {
            if (!partition.reachedStartupEnd()) {
                return false;
            }
        }
        return true;
    }

    PartitionProgress partition(int partition) {
        return partition < partitions.size() ? partitions.get(partition) : null;
    }
}

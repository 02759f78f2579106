package dev.schedtune.trainers.tuning;

/**
 * When a trial reports its objectives to the pruner. With a fixed number of epochs, after every epoch at
 * step = the epoch (1, 2, ...). When the study tunes the epochs, trials of different lengths must be
 * compared at the same point of their schedules, not at the same epoch (a short run has annealed by epoch
 * 3, a long one has barely warmed up): they report at 25, 50, 75 and 100 % of their run, step = the
 * percentage, with the values of the first epoch that reaches it (a checkpoint that two epochs share is
 * reported once, at the later one).
 */
final class Checkpoints {
    private static final int[] PERCENT = {25, 50, 75, 100};

    private final boolean progress;
    private final int epochs;

    private Checkpoints(boolean progress, int epochs) {
        this.progress = progress;
        this.epochs = epochs;
    }

    static Checkpoints perEpoch(int epochs) {
        return new Checkpoints(false, epochs);
    }

    static Checkpoints atProgress(int epochs) {
        return new Checkpoints(true, epochs);
    }

    /** Whether steps are percentages of the run (else epochs). */
    boolean isProgress() {
        return progress;
    }

    /** The step to report after epoch {@code epoch} (1-based), or -1 for none. */
    long stepAfter(int epoch) {
        if (!progress) {
            return epoch;
        }
        int reached = -1;
        for (int p : PERCENT) {
            if (100L * epoch >= (long) p * epochs) {
                reached = p;
            }
        }
        if (reached < 0) {
            return -1;
        }
        // report only at the first epoch reaching this checkpoint
        int previous = -1;
        for (int p : PERCENT) {
            if (100L * (epoch - 1) >= (long) p * epochs) {
                previous = p;
            }
        }
        return reached == previous ? -1 : reached;
    }
}

package dev.schedtune.trainers.train;

/**
 * Sees each epoch's results as soon as they exist and decides whether training goes on (a pruner
 * reports the validation loss to its trial and stops unpromising runs here).
 */
@FunctionalInterface
public interface EpochListener {
    /** What to do after an epoch. */
    enum Decision {
        CONTINUE,
        STOP
    }

    /** A listener that never stops training. */
    EpochListener NONE = report -> Decision.CONTINUE;

    /** Called after each epoch's validation. */
    Decision onEpoch(EpochReport report);
}

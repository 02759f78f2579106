package dev.schedtune.search.pbt;

/**
 * Trains one population member for one interval: from scratch (generation 0) or from the checkpoint
 * named by {@link MemberStep#resumeFrom()}, with the hyperparameters of {@link MemberStep#history()},
 * saving its end as the checkpoint named by {@link MemberStep#saveTo()}. Called from several threads at
 * once (one per worker of {@link Population#run}).
 */
public interface MemberTrainer {
    /**
     * Trains the step. A step that cannot be trained (a damaged checkpoint, a diverged loss) returns
     * {@link MemberResult#failed}: the member is then replaced by a copy of a good one at the next
     * exploit, and the study goes on. An exception counts as such a failure too, with its message.
     */
    MemberResult train(MemberStep step);

    /** Deletes a checkpoint no later step can read (the engine keeps the last two generations'). */
    default void discard(String checkpoint) {}
}

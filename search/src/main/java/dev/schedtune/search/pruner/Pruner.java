package dev.schedtune.search.pruner;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyView;

/**
 * Decides whether a running trial should stop, from its intermediate values and those of the study's other
 * trials. Called by {@code Trial.shouldPrune()}; implementations must be thread-safe.
 */
@FunctionalInterface
public interface Pruner {
    /** Whether {@code trial} (RUNNING, with its reports so far) should be pruned now. */
    boolean prune(StudyView study, FrozenTrial trial);
}

package dev.schedtune.search;

import dev.schedtune.search.trial.FrozenTrial;

/**
 * Called by {@code optimize} after each trial it ran is stored, in the worker thread that ran it (so it must
 * be thread-safe when {@code nJobs > 1}). {@link Study#stop()} may be called from here. An exception thrown
 * here stops {@code optimize} and is rethrown by it.
 */
@FunctionalInterface
public interface StudyCallback {
    void afterTrial(Study study, FrozenTrial trial);
}

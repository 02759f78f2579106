package dev.schedtune.search.pruner;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyView;

/** Never prunes. */
public final class NopPruner implements Pruner {
    private static final NopPruner INSTANCE = new NopPruner();

    private NopPruner() {}

    public static NopPruner create() {
        return INSTANCE;
    }

    @Override
    public boolean prune(StudyView study, FrozenTrial trial) {
        return false;
    }

    @Override
    public String toString() {
        return "NopPruner";
    }
}

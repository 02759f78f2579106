package dev.schedtune.search.trial;

/** The life cycle of a trial; the names are Optuna's and are stored as such. */
public enum TrialState {
    /** Being evaluated. */
    RUNNING,
    /** Finished with objective values. */
    COMPLETE,
    /** Stopped early by a pruner. */
    PRUNED,
    /** The objective threw, returned NaN or an infinity, or its worker died. */
    FAIL,
    /** Enqueued, not yet taken by a worker. */
    WAITING;

    /** COMPLETE, PRUNED or FAIL: the trial can no longer change. */
    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAIL;
    }

    /**
     * Parses a stored or typed state name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the allowed states
     */
    public static TrialState parse(String name) {
        for (TrialState s : values()) {
            if (s.name().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown trial state '" + name + "'; allowed: running, complete, pruned, fail, waiting");
    }
}

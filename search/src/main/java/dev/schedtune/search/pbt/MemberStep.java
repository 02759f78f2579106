package dev.schedtune.search.pbt;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One interval of one member's training, as the engine hands it to a {@link MemberTrainer}: train the
 * epochs after {@link #firstEpoch()} up to {@link #lastEpoch()} (counting the whole run's epochs), with
 * the hyperparameters of the last segment of {@link #history()}.
 */
public final class MemberStep {
    private final int member;
    private final int generation;
    private final int attempt;
    private final int firstEpoch;
    private final int lastEpoch;
    private final long seed;
    private final @Nullable String resumeFrom;
    private final String saveTo;
    private final ImmutableList<Segment> history;

    MemberStep(
            int member,
            int generation,
            int attempt,
            int firstEpoch,
            int lastEpoch,
            long seed,
            @Nullable String resumeFrom,
            String saveTo,
            List<Segment> history) {
        this.member = member;
        this.generation = generation;
        this.attempt = attempt;
        this.firstEpoch = firstEpoch;
        this.lastEpoch = lastEpoch;
        this.seed = seed;
        this.resumeFrom = resumeFrom;
        this.saveTo = saveTo;
        this.history = ImmutableList.copyOf(history);
    }

    /** The member (its trial number). */
    public int member() {
        return member;
    }

    /** The generation, from 0. */
    public int generation() {
        return generation;
    }

    /** 0 for the first try of this step; more when a worker died during an earlier one. */
    public int attempt() {
        return attempt;
    }

    /** Epochs already trained by the weights this step starts from (0 in generation 0). */
    public int firstEpoch() {
        return firstEpoch;
    }

    /** The epoch this step trains up to, inclusive. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The seed of a member's fresh start (weights, shuffling); used in generation 0 only. */
    public long seed() {
        return seed;
    }

    /** The checkpoint to start from (empty in generation 0: start from scratch with {@link #seed()}). */
    public Optional<String> resumeFrom() {
        return Optional.ofNullable(resumeFrom);
    }

    /** The name of the checkpoint to save at the end of the step. */
    public String saveTo() {
        return saveTo;
    }

    /**
     * The hyperparameters the weights of this step were trained with so far, one segment per earlier
     * generation of their lineage (following the copies), then this step's segment.
     */
    public List<Segment> history() {
        return history;
    }

    /** This step's hyperparameters. */
    public Map<String, Double> values() {
        return history.get(history.size() - 1).values();
    }

    @Override
    public String toString() {
        return "member " + member + ", generation " + generation + " (epochs " + (firstEpoch + 1) + "-" + lastEpoch
                + (attempt > 0 ? ", attempt " + (attempt + 1) : "") + "): " + values();
    }

    /** Hyperparameter values held over the epochs {@code (firstEpoch, lastEpoch]}. */
    public static final class Segment {
        private final int firstEpoch;
        private final int lastEpoch;
        private final ImmutableMap<String, Double> values;

        public Segment(int firstEpoch, int lastEpoch, Map<String, Double> values) {
            this.firstEpoch = firstEpoch;
            this.lastEpoch = lastEpoch;
            this.values = ImmutableMap.copyOf(values);
        }

        /** Epochs done before the segment. */
        public int firstEpoch() {
            return firstEpoch;
        }

        /** The segment's last epoch, inclusive. */
        public int lastEpoch() {
            return lastEpoch;
        }

        public Map<String, Double> values() {
            return values;
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Segment
                    && ((Segment) o).firstEpoch == firstEpoch
                    && ((Segment) o).lastEpoch == lastEpoch
                    && ((Segment) o).values.equals(values);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * firstEpoch + lastEpoch) + values.hashCode();
        }

        @Override
        public String toString() {
            return "epochs " + (firstEpoch + 1) + "-" + lastEpoch + ": " + values;
        }
    }
}

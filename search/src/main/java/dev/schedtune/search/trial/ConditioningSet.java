package dev.schedtune.search.trial;

import com.google.common.collect.ImmutableList;
import java.util.AbstractList;
import java.util.EnumSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The trials a sampler may condition on when sampling one trial; see {@link StudyView#conditioningSet}.
 * Indexing is O(1) and the set is an immutable snapshot.
 */
public final class ConditioningSet {
    private final StudyTrials snapshot;
    private final int trialNumber;
    private final int batchSize;
    private final boolean reproducible;

    /** For study implementations. */
    public ConditioningSet(StudyTrials snapshot, int trialNumber, int batchSize, boolean reproducible) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize (" + batchSize + ") must be >= 1");
        }
        this.snapshot = snapshot;
        this.trialNumber = trialNumber;
        this.batchSize = batchSize;
        this.reproducible = reproducible;
    }

    /** Whether the set is fixed by the trial number (reproducible mode) or is "whatever is stored now". */
    public boolean isReproducible() {
        return reproducible;
    }

    /** The number of the trial being sampled. */
    public int trialNumber() {
        return trialNumber;
    }

    /** {@code trialNumber / batchSize}: the trial's batch (generation), in both modes. */
    public int batchIndex() {
        return trialNumber / batchSize;
    }

    /** First trial number of the trial's batch. */
    public int batchStart() {
        return batchIndex() * batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * The trials of the set: in reproducible mode trials {@code 0 .. batchStart()-1} (all finished); in
     * default mode every stored trial except the one being sampled.
     */
    public List<FrozenTrial> trials() {
        if (reproducible) {
            return new Prefix(snapshot, Math.min(batchStart(), snapshot.size()));
        }
        return new Without(snapshot, trialNumber);
    }

    /** The trials of the set in the given states, in number order. */
    public List<FrozenTrial> trials(TrialState first, TrialState... rest) {
        Set<TrialState> states = EnumSet.of(first, rest);
        ImmutableList.Builder<FrozenTrial> out = ImmutableList.builder();
        for (FrozenTrial t : trials()) {
            if (states.contains(t.state())) {
                out.add(t);
            }
        }
        return out.build();
    }

    /** The trials numbered in {@code [from, to)} that belong to the set. */
    public List<FrozenTrial> range(int from, int to) {
        int limit = reproducible ? Math.min(batchStart(), snapshot.size()) : snapshot.size();
        ImmutableList.Builder<FrozenTrial> out = ImmutableList.builder();
        for (int n = Math.max(0, from); n < Math.min(to, limit); n++) {
            if (n != trialNumber) {
                out.add(snapshot.get(n));
            }
        }
        return out.build();
    }

    /** The whole snapshot the set was cut from (for samplers that need trial lookups by number). */
    public StudyTrials snapshot() {
        return snapshot;
    }

    private static final class Prefix extends AbstractList<FrozenTrial> implements RandomAccess {
        private final StudyTrials trials;
        private final int size;

        Prefix(StudyTrials trials, int size) {
            this.trials = trials;
            this.size = size;
        }

        @Override
        public FrozenTrial get(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException(i);
            }
            return trials.get(i);
        }

        @Override
        public int size() {
            return size;
        }
    }

    private static final class Without extends AbstractList<FrozenTrial> implements RandomAccess {
        private final StudyTrials trials;
        private final int skipped;

        Without(StudyTrials trials, int skipped) {
            this.trials = trials;
            this.skipped = skipped < trials.size() ? skipped : -1;
        }

        @Override
        public FrozenTrial get(int i) {
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException(i);
            }
            return trials.get(skipped >= 0 && i >= skipped ? i + 1 : i);
        }

        @Override
        public int size() {
            return skipped >= 0 ? trials.size() - 1 : trials.size();
        }
    }
}

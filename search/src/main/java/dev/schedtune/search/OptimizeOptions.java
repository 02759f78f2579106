package dev.schedtune.search;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How {@code optimize} runs: the {@link TrialBudget}, an optional timeout (no new trial starts after it;
 * running trials finish), the number of worker threads, callbacks, and the exception types that fail a trial
 * but let the study continue.
 *
 * <p>By default none does, as in Optuna ({@code catch=()}): an objective that throws has its trial recorded
 * as FAIL (with the exception as the reason), the other workers finish their trials, and {@code optimize}
 * throws {@link ObjectiveFailedException} with the exception as its cause, so a bug is loud. Opt in to keep
 * going with {@link Builder#catching} (e.g. {@code catching(Exception.class)} for training runs that may
 * crash); caught exceptions are logged with their stack trace. Independently of this set, a NaN or infinite
 * value and a {@link TrialFailedException} (diverged, interrupted) record FAIL and the study goes on, and a
 * {@link TrialPrunedException} records PRUNED. An {@link Error} always stops the study.
 */
public final class OptimizeOptions {
    private final TrialBudget budget;
    private final @Nullable Duration timeout;
    private final int nJobs;
    private final ImmutableList<StudyCallback> callbacks;
    private final ImmutableSet<Class<? extends Throwable>> catching;

    private OptimizeOptions(Builder b) {
        this.budget = b.budget;
        this.timeout = b.timeout;
        this.nJobs = b.nJobs;
        this.callbacks = b.callbacks.build();
        this.catching = ImmutableSet.copyOf(b.catching);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options with just a budget. */
    public static OptimizeOptions of(TrialBudget budget) {
        return builder().budget(budget).build();
    }

    public TrialBudget budget() {
        return budget;
    }

    public @Nullable Duration timeout() {
        return timeout;
    }

    /** Worker threads (already resolved: never -1). */
    public int nJobs() {
        return nJobs;
    }

    public List<StudyCallback> callbacks() {
        return callbacks;
    }

    public Set<Class<? extends Throwable>> catching() {
        return catching;
    }

    /** Whether an exception thrown by the objective lets the study continue. */
    public boolean isCaught(Throwable t) {
        for (Class<? extends Throwable> c : catching) {
            if (c.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    public static final class Builder {
        private TrialBudget budget = TrialBudget.unlimited();
        private @Nullable Duration timeout;
        private int nJobs = 1;
        private final ImmutableList.Builder<StudyCallback> callbacks = ImmutableList.builder();
        private Set<Class<? extends Throwable>> catching = ImmutableSet.of();

        private Builder() {}

        public Builder budget(TrialBudget b) {
            this.budget = b;
            return this;
        }

        /** No trial starts after this much time (a positive duration). */
        public Builder timeout(Duration t) {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("timeout (" + t + ") must be > 0");
            }
            this.timeout = t;
            return this;
        }

        /** Worker threads, {@code >= 1}, or -1 for one per available processor. */
        public Builder nJobs(int n) {
            if (n == -1) {
                this.nJobs = Runtime.getRuntime().availableProcessors();
            } else if (n < 1) {
                throw new IllegalArgumentException("nJobs (" + n + ") must be >= 1, or -1 for one per processor");
            } else {
                this.nJobs = n;
            }
            return this;
        }

        public Builder callback(StudyCallback c) {
            callbacks.add(c);
            return this;
        }

        public Builder callbacks(List<StudyCallback> cs) {
            callbacks.addAll(cs);
            return this;
        }

        /**
         * The exception types recorded as FAIL while the study continues (default: none, so any exception
         * stops {@code optimize} after its trial is recorded); replaces the set given before.
         */
        @SafeVarargs
        @SuppressWarnings("varargs")
        public final Builder catching(Class<? extends Throwable>... types) {
            this.catching = ImmutableSet.copyOf(types);
            return this;
        }

        public OptimizeOptions build() {
            return new OptimizeOptions(this);
        }
    }
}

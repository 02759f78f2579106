package dev.schedtune.search.pruner;

import dev.schedtune.search.analysis.Pareto;
import dev.schedtune.search.trial.ConditioningSet;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What a pruner would have done to a study that ran without one: its decisions replayed, trial by trial and
 * checkpoint by checkpoint, against the trials that had finished by then. The question it answers is the
 * short-horizon bias of pruning (Wu et al., 2018): how many of the trials that ended on the final Pareto
 * front would the pruner have stopped early, and how much training would it have saved?
 *
 * <p>Time: a trial's {@code k}-th of {@code n} checkpoints is taken to happen {@code k/n} of the way from its
 * start to its end (the checkpoints of a tuning study are evenly spread over its run); the trials that count
 * as finished at that moment are those completed before it. A trial stopped at checkpoint {@code k} of
 * {@code n} saves {@code 1 - k/n} of its training time.
 */
public final class PrunerReplay {
    /** One trial's replayed fate. */
    public record Decision(int trial, OptionalLong prunedAtStep, double savedSeconds, boolean onFinalFront) {
        public boolean pruned() {
            return prunedAtStep.isPresent();
        }
    }

    /** The replay of a whole study. */
    public record Result(List<Decision> decisions, double totalSeconds) {
        /** Trials the pruner would have stopped. */
        public long pruned() {
            return decisions.stream().filter(Decision::pruned).count();
        }

        /** Trials of the final Pareto front the pruner would have stopped: the cost of its bias. */
        public long prunedFromFront() {
            return decisions.stream()
                    .filter(d -> d.pruned() && d.onFinalFront())
                    .count();
        }

        /** Trials on the final Pareto front. */
        public long front() {
            return decisions.stream().filter(Decision::onFinalFront).count();
        }

        /** The training seconds the pruner would have saved, as a fraction of the study's. */
        public double savedFraction() {
            double saved =
                    decisions.stream().mapToDouble(Decision::savedSeconds).sum();
            return totalSeconds > 0 ? saved / totalSeconds : 0;
        }
    }

    private PrunerReplay() {}

    /**
     * Replays {@code pruner} on {@code trials}, a study's trials (numbered 0, 1, ...) that ran without
     * pruning, with {@code directions}. Only COMPLETE trials with start and end times are judged.
     */
    public static Result replay(List<FrozenTrial> trials, List<StudyDirection> directions, Pruner pruner) {
        List<FrozenTrial> front = Pareto.bestTrials(trials, directions);
        List<Decision> decisions = new ArrayList<>();
        double total = 0;
        for (FrozenTrial t : trials) {
            if (t.state() != TrialState.COMPLETE || t.datetimeStart() == null || t.datetimeComplete() == null) {
                continue;
            }
            Instant start = Objects.requireNonNull(t.datetimeStart());
            double seconds = Duration.between(start, Objects.requireNonNull(t.datetimeComplete()))
                            .toNanos()
                    / 1e9;
            total += seconds;
            List<Long> steps = new ArrayList<>(t.intermediateValues().keySet());
            steps.sort(null);
            OptionalLong prunedAt = OptionalLong.empty();
            double saved = 0;
            FrozenTrial.Builder running =
                    t.toBuilder().withState(TrialState.RUNNING).values(null);
            running.datetimeComplete(null);
            FrozenTrial sofar = withoutReports(running.build());
            for (int k = 0; k < steps.size() - 1; k++) { // the last checkpoint is the end: nothing to stop
                long step = steps.get(k);
                double fraction = (k + 1.0) / steps.size();
                Instant at = start.plusNanos((long) (fraction * seconds * 1e9));
                sofar = sofar.toBuilder()
                        .intermediateValue(step, t.intermediateValues().get(step))
                        .build();
                if (pruner.prune(new Snapshot(trials, directions, at, sofar), sofar)) {
                    prunedAt = OptionalLong.of(step);
                    saved = (1 - fraction) * seconds;
                    break;
                }
            }
            decisions.add(new Decision(t.number(), prunedAt, saved, front.contains(t)));
        }
        return new Result(decisions, total);
    }

    private static FrozenTrial withoutReports(FrozenTrial t) {
        FrozenTrial.Builder b = FrozenTrial.builder(t.number(), TrialState.RUNNING)
                .trialId(t.trialId())
                .datetimeStart(t.datetimeStart());
        t.params()
                .keySet()
                .forEach(name -> b.param(
                        name, t.internalParams().get(name), t.distributions().get(name)));
        t.userAttrs().forEach(b::userAttr);
        t.systemAttrs().forEach(b::systemAttr);
        return b.build();
    }

    /** The study as it stood at one moment: trials finished after it are still running, without values. */
    private static final class Snapshot implements StudyView {
        private final StudyTrials trials;
        private final List<StudyDirection> directions;
        private final Map<String, @Nullable Object> attrs = new HashMap<>();

        Snapshot(List<FrozenTrial> all, List<StudyDirection> directions, Instant at, FrozenTrial candidate) {
            this.directions = directions;
            StudyTrials s = StudyTrials.empty();
            for (FrozenTrial t : all) {
                if (t.number() == candidate.number()) {
                    s = s.with(candidate);
                } else if (t.datetimeComplete() != null
                        && Objects.requireNonNull(t.datetimeComplete()).isBefore(at)) {
                    s = s.with(t);
                } else {
                    s = s.with(withoutReports(t));
                }
            }
            this.trials = s;
        }

        @Override
        public String name() {
            return "replay";
        }

        @Override
        public List<StudyDirection> directions() {
            return directions;
        }

        @Override
        public long seed() {
            return 0;
        }

        @Override
        public boolean isReproducible() {
            return false;
        }

        @Override
        public StudyTrials trials() {
            return trials;
        }

        @Override
        public ConditioningSet conditioningSet(FrozenTrial trial, int batchSize) {
            throw new UnsupportedOperationException("a pruner replay does not sample");
        }

        @Override
        public Map<String, @Nullable Object> systemAttrs() {
            return attrs;
        }

        @Override
        public void setSystemAttr(String key, @Nullable Object value) {
            attrs.put(key, value);
        }

        @Override
        public @Nullable Object setSystemAttrIfAbsent(String key, @Nullable Object value) {
            return attrs.computeIfAbsent(key, k -> value);
        }

        @Override
        public void setTrialSystemAttr(int trialNumber, String key, @Nullable Object value) {}

        @Override
        public void stop() {}
    }
}

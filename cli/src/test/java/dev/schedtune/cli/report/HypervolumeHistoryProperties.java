package dev.schedtune.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The hypervolume history, which only recomputes when the front moves, equals its definition: after each
 * trial, the hypervolume of the counted trials numbered up to it ({@link StudyResults#hypervolume(List,
 * double[], double[])} of that prefix), on studies with duplicates, ties, all states and infeasible trials.
 */
class HypervolumeHistoryProperties {
    private record Spec(TrialState state, double a, double b, double c, boolean infeasible) {}

    @Property(tries = 300)
    void equalsTheHypervolumeOfEachPrefix(
            @ForAll("trials") List<Spec> specs,
            @ForAll @IntRange(min = 2, max = 3) int objectives,
            @ForAll boolean maxFirst) {
        List<FrozenTrial> trials = new ArrayList<>();
        for (Spec s : specs) {
            FrozenTrial.Builder b = FrozenTrial.builder(trials.size(), s.state());
            if (s.state() == TrialState.COMPLETE) {
                double[] v = objectives == 2 ? new double[] {s.a(), s.b()} : new double[] {s.a(), s.b(), s.c()};
                b.values(ImmutableDoubleArray.copyOf(v));
                b.systemAttr(FrozenTrial.CONSTRAINTS_KEY, List.of(s.infeasible() ? 1.0 : -1.0));
            }
            trials.add(b.build());
        }
        List<StudyDirection> directions = new ArrayList<>();
        for (int i = 0; i < objectives; i++) {
            directions.add(i == 0 && maxFirst ? StudyDirection.MAXIMIZE : StudyDirection.MINIMIZE);
        }
        StudyResults r = StudyResults.of("s", trials, directions, List.of(), null);
        double[] history = r.hypervolumeHistory();
        double[][] bounds = r.bounds();
        assertThat(history).hasSize(trials.size());
        List<FrozenTrial> counted = r.counted();
        List<FrozenTrial> sofar = new ArrayList<>();
        double last = 0;
        for (int i = 0; i < trials.size(); i++) {
            if (counted.contains(trials.get(i))) {
                sofar.add(trials.get(i));
                last = r.hypervolume(sofar, bounds[0], bounds[1]);
            }
            assertThat(history[i]).as("after trial %d", i).isCloseTo(last, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Provide
    Arbitrary<List<Spec>> trials() {
        // few distinct values, so that ties and duplicates are common
        Arbitrary<Double> value = Arbitraries.integers().between(0, 6).map(i -> i / 2.0);
        Arbitrary<TrialState> state = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(TrialState.COMPLETE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(TrialState.PRUNED)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(TrialState.FAIL)));
        Arbitrary<Boolean> infeasible = Arbitraries.integers().between(0, 4).map(i -> i == 0);
        return Combinators.combine(state, value, value, value, infeasible)
                .as(Spec::new)
                .list()
                .ofMaxSize(40);
    }
}

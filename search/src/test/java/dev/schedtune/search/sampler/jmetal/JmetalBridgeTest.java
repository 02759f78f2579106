package dev.schedtune.search.sampler.jmetal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.comparator.dominanceComparator.impl.DominanceWithConstraintsComparator;

class JmetalBridgeTest {

    private static TrialSolution solution(SplittableRandom rng, int objectives, int constraints) {
        TrialSolution s = new TrialSolution(
                rng.nextInt(1000), new double[] {rng.nextDouble()}, new int[0], objectives, constraints);
        for (int i = 0; i < objectives; i++) {
            s.objectives()[i] = rng.nextInt(4);
        }
        for (int i = 0; i < constraints; i++) {
            // Feasible (>= 0 in jMetal's convention) half of the time.
            s.constraints()[i] = rng.nextBoolean() ? rng.nextInt(3) : -rng.nextInt(1, 4);
        }
        s.constraintsChanged();
        return s;
    }

    @Property(tries = 500)
    void constrainedDominanceAgreesWithJmetalsComparator(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int objectives = 2 + rng.nextInt(2);
        int constraints = rng.nextInt(3);
        TrialSolution a = solution(rng, objectives, constraints);
        TrialSolution b = solution(rng, objectives, constraints);
        assertThat(ConstrainedDominance.INSTANCE.compare(a, b))
                .isEqualTo(new DominanceWithConstraintsComparator<DoubleSolution>().compare(a, b));
    }

    @Test
    void seededTournamentIsAFunctionOfItsStream() {
        SplittableRandom data = new SplittableRandom(1);
        List<DoubleSolution> pop = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pop.add(solution(data, 2, 0));
        }
        List<DoubleSolution> first = new ArrayList<>();
        List<DoubleSolution> second = new ArrayList<>();
        SeededTournament<DoubleSolution> a =
                new SeededTournament<>(2, ConstrainedDominance.INSTANCE, new SplittableRandom(9));
        SeededTournament<DoubleSolution> b =
                new SeededTournament<>(2, ConstrainedDominance.INSTANCE, new SplittableRandom(9));
        for (int i = 0; i < 50; i++) {
            first.add(a.execute(pop));
            second.add(b.execute(pop));
        }
        assertThat(second).containsExactlyElementsOf(first);
        assertThat(first.stream().distinct().count()).as("distinct winners").isGreaterThan(10);
    }

    @Test
    void hypervolumeContributionUsesTheNormalisedFrontAndTheReferencePoint() {
        List<TrialSolution> front = new ArrayList<>();
        double[][] objectives = {{0, 10}, {5, 5}, {10, 0}};
        for (double[] o : objectives) {
            TrialSolution s = new TrialSolution(0, new double[0], new int[0], 2, 0);
            s.objectives()[0] = o[0];
            s.objectives()[1] = o[1];
            front.add(s);
        }
        HypervolumeContribution<TrialSolution> density = new HypervolumeContribution<>(2.0);
        density.compute(front);
        // Normalised to (0,1), (0.5,0.5), (1,0) with reference (2,2): the middle point owns 0.5 x 0.5,
        // the extremes 0.5 x 1.
        assertThat(density.value(front.get(1))).isCloseTo(0.25, within(1e-12));
        assertThat(density.value(front.get(0))).isCloseTo(0.5, within(1e-12));
        assertThat(density.value(front.get(2))).isCloseTo(0.5, within(1e-12));
    }
}

package dev.schedtune.search.sampler.jmetal;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.uma.jmetal.component.catalogue.ea.replacement.Replacement;
import org.uma.jmetal.component.catalogue.ea.replacement.impl.RankingAndDensityEstimatorReplacement;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.comparator.MultiComparator;
import org.uma.jmetal.util.densityestimator.DensityEstimator;
import org.uma.jmetal.util.ranking.Ranking;
import org.uma.jmetal.util.ranking.impl.FastNonDominatedSortRanking;

/**
 * A parent population: trials as jMetal solutions over their common {@link Genome}, ranked by fast
 * non-dominated sorting with constraint-aware dominance and given a density per front, so a tournament
 * can prefer lower rank, then higher density value. Immutable once built (offspring are copies), so
 * several threads may breed from it at once.
 */
final class Population {
    final int[] trialNumbers;
    final Genome genome;
    final List<TrialSolution> solutions;
    final Comparator<DoubleSolution> preference;

    private Population(
            int[] trialNumbers, Genome genome, List<TrialSolution> solutions, Comparator<DoubleSolution> preference) {
        this.trialNumbers = trialNumbers;
        this.genome = genome;
        this.solutions = solutions;
        this.preference = preference;
    }

    static final Population EMPTY = new Population(new int[0], Genome.EMPTY, List.of(), (a, b) -> 0);

    boolean isEmpty() {
        return trialNumbers.length == 0;
    }

    /**
     * The population of the given (finished, complete) trials.
     *
     * @param density a fresh estimator (they keep state in solution attributes keyed by their class)
     */
    static Population of(
            int[] numbers,
            StudyTrials snapshot,
            List<StudyDirection> directions,
            DensityEstimator<DoubleSolution> density) {
        if (numbers.length == 0) {
            return EMPTY;
        }
        List<FrozenTrial> trials = new ArrayList<>(numbers.length);
        for (int n : numbers) {
            trials.add(snapshot.get(n));
        }
        Genome genome = Genome.common(trials);
        List<TrialSolution> solutions = encode(trials, genome, directions);
        Ranking<DoubleSolution> ranking = newRanking();
        List<DoubleSolution> list = new ArrayList<>(solutions);
        ranking.compute(list);
        for (int f = 0; f < ranking.getNumberOfSubFronts(); f++) {
            density.compute(ranking.getSubFront(f));
        }
        Comparator<DoubleSolution> byRank = Comparator.comparing(ranking::getRank);
        Comparator<DoubleSolution> byDensity =
                Comparator.comparing(density::value).reversed();
        return new Population(numbers.clone(), genome, solutions, new MultiComparator<>(List.of(byRank, byDensity)));
    }

    /** A population bred by uniform random mating (no ranking): SMS-EMOA's mating selection. */
    static Population unranked(int[] numbers, StudyTrials snapshot, List<StudyDirection> directions) {
        if (numbers.length == 0) {
            return EMPTY;
        }
        List<FrozenTrial> trials = new ArrayList<>(numbers.length);
        for (int n : numbers) {
            trials.add(snapshot.get(n));
        }
        Genome genome = Genome.common(trials);
        // A tournament whose comparator finds every pair equal keeps its first, uniformly drawn, contestant.
        return new Population(numbers.clone(), genome, encode(trials, genome, directions), (a, b) -> 0);
    }

    static List<TrialSolution> encode(List<FrozenTrial> trials, Genome genome, List<StudyDirection> directions) {
        int constraints = Genome.constraintCount(trials);
        List<TrialSolution> out = new ArrayList<>(trials.size());
        for (FrozenTrial t : trials) {
            // Parameters a trial lacks (dynamic search spaces) are filled from a stream of its own.
            out.add(genome.encode(t, directions, constraints, new SplittableRandom(t.number())));
        }
        return out;
    }

    static Ranking<DoubleSolution> newRanking() {
        return new FastNonDominatedSortRanking<>(ConstrainedDominance.INSTANCE);
    }

    /**
     * The {@code size} survivors of a pool of complete trials (all of them if the pool is not larger),
     * by jMetal's {@code RankingAndDensityEstimatorReplacement}; trial numbers ascending.
     */
    static int[] survivors(
            int[] pool,
            int size,
            StudyTrials snapshot,
            List<StudyDirection> directions,
            DensityEstimator<DoubleSolution> density,
            Replacement.RemovalPolicy policy) {
        if (pool.length <= size) {
            return pool.clone();
        }
        List<FrozenTrial> trials = new ArrayList<>(pool.length);
        for (int n : pool) {
            trials.add(snapshot.get(n));
        }
        // Survival looks at objectives and constraints only; the genome is irrelevant here.
        List<TrialSolution> solutions = encode(trials, Genome.EMPTY, directions);
        List<DoubleSolution> current = new ArrayList<>(solutions.subList(0, size));
        List<DoubleSolution> offspring = new ArrayList<>(solutions.subList(size, solutions.size()));
        List<DoubleSolution> kept =
                new RankingAndDensityEstimatorReplacement<>(newRanking(), density, policy).replace(current, offspring);
        int[] out = new int[kept.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((TrialSolution) kept.get(i)).trialNumber;
        }
        java.util.Arrays.sort(out);
        return out;
    }
}

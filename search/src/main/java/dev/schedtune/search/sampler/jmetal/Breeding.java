package dev.schedtune.search.sampler.jmetal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.uma.jmetal.operator.crossover.impl.SBXCrossover;
import org.uma.jmetal.operator.mutation.impl.PolynomialMutation;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.pseudorandom.RandomGenerator;

/**
 * One offspring from a parent population, with jMetal's operators wired to one trial's random stream:
 * two binary tournaments ({@link SeededTournament}), {@code SBXCrossover} of the two winners, then {@code
 * PolynomialMutation} of the first child on the [0, 1] variables, uniform crossover and uniform-redraw
 * mutation on the categorical genes.
 *
 * <p>This is exactly what jMetal's {@code NaryTournamentSelection} (mating pool of 2) and {@code
 * CrossoverAndMutationVariation} (one offspring) do, with the same draws in the same order, called
 * directly: wrapping the operators in those components for one child per trial cost more than the
 * operators themselves (the variation builds its error message on every call).
 */
final class Breeding {
    final double crossoverProbability;
    final double crossoverEta;
    final double mutationEta;
    final double swappingProbability;
    /** Mutation probability per gene, or NaN for 1 / number of genes. */
    final double mutationProbability;

    Breeding(
            double crossoverProbability,
            double crossoverEta,
            double mutationProbability,
            double mutationEta,
            double swappingProbability) {
        this.crossoverProbability = crossoverProbability;
        this.crossoverEta = crossoverEta;
        this.mutationProbability = mutationProbability;
        this.mutationEta = mutationEta;
        this.swappingProbability = swappingProbability;
    }

    TrialSolution child(
            List<TrialSolution> parents, Comparator<DoubleSolution> preference, Genome genome, SplittableRandom rng) {
        double pm = Double.isNaN(mutationProbability) ? 1.0 / Math.max(1, genome.genes()) : mutationProbability;
        RandomGenerator<Double> stream = rng::nextDouble;
        SeededTournament<DoubleSolution> tournament = new SeededTournament<>(2, preference, rng);
        List<DoubleSolution> population = Collections.unmodifiableList(parents);
        List<DoubleSolution> mating = new ArrayList<>(2);
        mating.add(tournament.execute(population));
        mating.add(tournament.execute(population));
        // doCrossover is what execute does after checking there are two parents (building its message).
        DoubleSolution crossed = new SBXCrossover(crossoverProbability, crossoverEta, stream)
                .doCrossover(crossoverProbability, mating.get(0), mating.get(1))
                .get(0);
        TrialSolution child = (TrialSolution) new PolynomialMutation(pm, mutationEta, stream).execute(crossed);
        int[] first = ((TrialSolution) mating.get(0)).categories;
        int[] second = ((TrialSolution) mating.get(1)).categories;
        boolean cross = rng.nextDouble() < crossoverProbability;
        for (int i = 0; i < child.categories.length; i++) {
            int gene = first[i];
            if (cross && rng.nextDouble() < swappingProbability) {
                gene = second[i];
            }
            if (rng.nextDouble() < pm) {
                gene = rng.nextInt(genome.categorical.get(i).size());
            }
            child.categories[i] = gene;
        }
        return child;
    }
}

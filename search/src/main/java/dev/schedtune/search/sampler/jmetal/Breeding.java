package dev.schedtune.search.sampler.jmetal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.uma.jmetal.component.catalogue.ea.selection.impl.NaryTournamentSelection;
import org.uma.jmetal.component.catalogue.ea.variation.impl.CrossoverAndMutationVariation;
import org.uma.jmetal.operator.crossover.impl.SBXCrossover;
import org.uma.jmetal.operator.mutation.impl.PolynomialMutation;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.pseudorandom.RandomGenerator;

/**
 * One offspring from a parent population, with jMetal's components wired to one trial's random stream:
 * binary tournament ({@code NaryTournamentSelection} over a {@link SeededTournament}), {@code
 * SBXCrossover} then {@code PolynomialMutation} on the [0, 1] variables (through {@code
 * CrossoverAndMutationVariation} with one offspring), uniform crossover and uniform-redraw mutation on the
 * categorical genes.
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
        NaryTournamentSelection<DoubleSolution> selection =
                new NaryTournamentSelection<>(new SeededTournament<>(2, preference, rng), 2);
        CrossoverAndMutationVariation<DoubleSolution> variation = new CrossoverAndMutationVariation<>(
                1,
                new SBXCrossover(crossoverProbability, crossoverEta, stream),
                new PolynomialMutation(pm, mutationEta, stream));
        List<DoubleSolution> population = new ArrayList<>(parents);
        List<DoubleSolution> mating = selection.select(population);
        TrialSolution child =
                (TrialSolution) variation.variate(population, mating).get(0);
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

package dev.schedtune.search.sampler.gp;

import dev.schedtune.search.sampler.jmetal.SeededTournament;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.uma.jmetal.component.algorithm.EvolutionaryAlgorithm;
import org.uma.jmetal.component.catalogue.common.evaluation.Evaluation;
import org.uma.jmetal.component.catalogue.common.termination.impl.TerminationByEvaluations;
import org.uma.jmetal.component.catalogue.ea.replacement.impl.MuPlusLambdaReplacement;
import org.uma.jmetal.component.catalogue.ea.selection.impl.NaryTournamentSelection;
import org.uma.jmetal.component.catalogue.ea.variation.impl.CrossoverAndMutationVariation;
import org.uma.jmetal.operator.crossover.impl.SBXCrossover;
import org.uma.jmetal.operator.mutation.impl.PolynomialMutation;
import org.uma.jmetal.problem.Problem;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.comparator.ObjectiveComparator;
import org.uma.jmetal.util.pseudorandom.RandomGenerator;

/**
 * Maximises an acquisition function over the branches of the space with jMetal's component-based
 * {@code EvolutionaryAlgorithm} as a (μ + λ) genetic algorithm: binary tournament (jMetal's {@code
 * NaryTournamentSelection} over a {@link SeededTournament}), {@code SBXCrossover} and {@code
 * PolynomialMutation} on the genes in [0, 1] ({@code CrossoverAndMutationVariation}), {@code
 * MuPlusLambdaReplacement} by acquisition value, {@code TerminationByEvaluations}.
 *
 * <p>As Optuna's {@code optimize_acqf_mixed}, the search starts from a random preliminary sample and
 * the best observed points: every branch gets {@code preliminary} random candidates plus its observed
 * points (the incumbents); the {@code branches} best branches by that sample are then searched by the
 * genetic algorithm, its first population the best of the sample. All randomness comes from the given
 * stream (jMetal's operators are handed it as their {@code RandomGenerator}; {@code JMetalRandom} is not
 * used).
 */
final class AcquisitionOptimizer {
    /** Settings: population size, generations per branch, random candidates per branch, branches searched. */
    record Settings(int population, int generations, int preliminary, int branches) {}

    /** The best candidate found: its branch, genes and acquisition value. */
    record Candidate(Branch branch, double[] genes, double value) {}

    private AcquisitionOptimizer() {}

    static Candidate maximize(
            Acquisition acquisition,
            List<Branch> branches,
            List<double[]> observed,
            Settings settings,
            SplittableRandom rng) {
        List<List<Scored>> samples = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int b = 0; b < branches.size(); b++) {
            Branch branch = branches.get(b);
            List<Scored> sample = new ArrayList<>();
            for (double[] point : observed) {
                double @Nullable [] genes = branch.genesOf(point);
                if (genes != null && branch.observed) {
                    sample.add(score(acquisition, branch, genes));
                }
            }
            for (int i = 0; i < settings.preliminary(); i++) {
                double[] genes = new double[branch.genes()];
                for (int g = 0; g < genes.length; g++) {
                    genes[g] = rng.nextDouble();
                }
                sample.add(score(acquisition, branch, genes));
            }
            sample.sort(Comparator.comparingDouble((Scored s) -> s.value).reversed());
            samples.add(sample);
            order.add(b);
        }
        order.sort(Comparator.comparingDouble((Integer b) -> samples.get(b).get(0).value)
                .reversed());
        Candidate best = null;
        for (int i = 0; i < order.size(); i++) {
            int b = order.get(i);
            Branch branch = branches.get(b);
            Scored top = samples.get(b).get(0);
            Candidate found = new Candidate(branch, top.genes, top.value);
            if (i < settings.branches() && branch.genes() > 0 && settings.generations() > 0) {
                found = evolve(acquisition, branch, samples.get(b), settings, rng);
            }
            if (best == null || found.value() > best.value()) {
                best = found;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no branch to optimise over");
        }
        return best;
    }

    private record Scored(double[] genes, double value) {}

    private static Scored score(Acquisition acquisition, Branch branch, double[] genes) {
        return new Scored(genes, finite(acquisition.value(branch.point(genes))));
    }

    /** NaN would break the comparators; it ranks last. */
    private static double finite(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private static Candidate evolve(
            Acquisition acquisition, Branch branch, List<Scored> sample, Settings settings, SplittableRandom rng) {
        int population = settings.population() + settings.population() % 2;
        List<DoubleSolution> initial = new ArrayList<>();
        for (int i = 0; i < Math.min(population, sample.size()); i++) {
            UnitSolution s = new UnitSolution(sample.get(i).genes);
            s.objectives()[0] = -sample.get(i).value;
            initial.add(s);
        }
        RandomGenerator<Double> stream = rng::nextDouble;
        Comparator<DoubleSolution> byValue = new ObjectiveComparator<>(0);
        int genes = branch.genes();
        EvolutionaryAlgorithm<DoubleSolution> ga = new EvolutionaryAlgorithm<>(
                "gp-acquisition",
                () -> initial,
                new AcquisitionEvaluation(acquisition, branch),
                new TerminationByEvaluations(initial.size() + settings.generations() * population),
                new NaryTournamentSelection<>(new SeededTournament<>(2, byValue, rng), population),
                new CrossoverAndMutationVariation<>(
                        population,
                        new SBXCrossover(0.9, 20.0, stream),
                        new PolynomialMutation(1.0 / genes, 20.0, stream)),
                new MuPlusLambdaReplacement<>(byValue));
        ga.run();
        DoubleSolution winner = ga.result().get(0);
        for (DoubleSolution s : ga.result()) {
            if (byValue.compare(s, winner) < 0) {
                winner = s;
            }
        }
        return new Candidate(branch, ((UnitSolution) winner).genes(), -winner.objectives()[0]);
    }

    /**
     * jMetal's evaluation component for the acquisition: the first population arrives already scored
     * (from the preliminary sample) and is not evaluated again.
     */
    private static final class AcquisitionEvaluation implements Evaluation<DoubleSolution> {
        private final Acquisition acquisition;
        private final Branch branch;
        private int evaluations;
        private boolean first = true;

        AcquisitionEvaluation(Acquisition acquisition, Branch branch) {
            this.acquisition = acquisition;
            this.branch = branch;
        }

        @Override
        public List<DoubleSolution> evaluate(List<DoubleSolution> solutions) {
            if (first) {
                first = false;
                return solutions;
            }
            for (DoubleSolution s : solutions) {
                s.objectives()[0] = -finite(acquisition.value(branch.point(((UnitSolution) s).genes())));
                evaluations++;
            }
            return solutions;
        }

        @Override
        public int computedEvaluations() {
            return evaluations;
        }

        @Override
        public Problem<DoubleSolution> problem() {
            throw new UnsupportedOperationException("the acquisition is evaluated directly");
        }
    }
}

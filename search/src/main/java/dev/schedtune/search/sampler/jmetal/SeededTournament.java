package dev.schedtune.search.sampler.jmetal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.uma.jmetal.operator.selection.impl.NaryTournamentSelection;
import org.uma.jmetal.solution.Solution;
import org.uma.jmetal.util.SolutionListUtils;

/**
 * jMetal's N-ary tournament with the contestants drawn from a given stream: the original draws them
 * through {@code ListUtils.randomSelectionWithoutReplacement}, i.e. from the process-wide {@code
 * JMetalRandom} singleton, which two studies (or two threads) would share. The winner is still chosen by
 * jMetal's {@code SolutionListUtils.findBestSolution} with the given comparator (which must return
 * exactly -1, 0 or 1: jMetal tests {@code == 1}). Public for the Gaussian-process sampler's acquisition
 * optimiser ({@code sampler.gp}), which runs jMetal's genetic algorithm with it.
 */
public final class SeededTournament<S extends Solution<?>> extends NaryTournamentSelection<S> {
    private final int size;
    private final Comparator<S> comparator;
    private final SplittableRandom random;

    public SeededTournament(int size, Comparator<S> comparator, SplittableRandom random) {
        super(size, comparator);
        this.size = size;
        this.comparator = comparator;
        this.random = random;
    }

    @Override
    public S execute(List<S> solutions) {
        if (solutions.isEmpty()) {
            throw new IllegalArgumentException("a tournament needs at least one solution");
        }
        if (solutions.size() == 1) {
            return solutions.get(0);
        }
        int k = Math.min(size, solutions.size());
        List<S> contestants = new ArrayList<>(k);
        // Partial Fisher-Yates on an index array: k distinct contestants.
        int[] idx = new int[solutions.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            contestants.add(solutions.get(idx[i]));
        }
        return SolutionListUtils.findBestSolution(contestants, comparator);
    }
}

package dev.schedtune.search.sampler.tpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** MOTPE's good set and weights against Optuna 3.1 ({@code _split_observation_pairs}, HV weights). */
class MultiObjectiveSplitTest {

    @Test
    void goodSetAndWeightsMatchOptuna() {
        int checked = 0;
        for (OptunaReference.Record r : OptunaReference.read()) {
            if (!r.header[0].equals("split")) {
                continue;
            }
            int k = Integer.parseInt(r.header[3]);
            List<double[]> losses = r.all("loss");
            NondominatedLevels levels = new NondominatedLevels();
            for (int i = 0; i < losses.size(); i++) {
                levels.add(i, losses.get(i));
            }
            int[] good = HypervolumeSplit.best(levels, k);
            double[] expected = r.row("below");
            int[] expectedIds = new int[expected.length];
            for (int i = 0; i < expected.length; i++) {
                expectedIds[i] = (int) expected[i];
            }
            java.util.Arrays.sort(expectedIds);
            assertThat(good).as("case %s", r.header[1]).containsExactly(expectedIds);
            double[][] goodLosses = new double[good.length][];
            for (int i = 0; i < good.length; i++) {
                goodLosses[i] = losses.get(good[i]);
            }
            // Optuna lists weights in the order of its (unsorted) below indices.
            double[] optunaWeights = r.row("hvweights");
            double[] ours = HypervolumeSplit.weights(goodLosses);
            for (int i = 0; i < expected.length; i++) {
                int pos = java.util.Arrays.binarySearch(good, (int) expected[i]);
                assertThat(ours[pos])
                        .as("case %s weight of %d", r.header[1], (int) expected[i])
                        .isCloseTo(optunaWeights[i], within(1e-9));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(12);
    }

    @Property(tries = 200)
    void incrementalLevelsEqualBruteForceRanks(
            @ForAll @IntRange(min = 1, max = 120) int n, @ForAll @IntRange(min = 2, max = 4) int m, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] pts = new double[n][m];
        NondominatedLevels levels = new NondominatedLevels();
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < m; d++) {
                pts[i][d] = rng.nextInt(6); // coarse: ties and duplicates
            }
            levels.add(i, pts[i]);
        }
        int[] rank = bruteForceRanks(pts);
        for (int level = 0; level < levels.levelCount(); level++) {
            for (int id : levels.level(level)) {
                assertThat(rank[id]).as("rank of point %d", id).isEqualTo(level);
            }
        }
        assertThat(levels.size()).isEqualTo(n);
    }

    private static int[] bruteForceRanks(double[][] pts) {
        int n = pts.length;
        int[] rank = new int[n];
        java.util.Arrays.fill(rank, -1);
        int assigned = 0;
        for (int r = 0; assigned < n; r++) {
            boolean[] now = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (rank[i] >= 0) {
                    continue;
                }
                boolean dominated = false;
                for (int j = 0; j < n && !dominated; j++) {
                    dominated = rank[j] < 0 && j != i && NondominatedLevels.dominates(pts[j], pts[i]);
                }
                now[i] = !dominated;
            }
            for (int i = 0; i < n; i++) {
                if (now[i]) {
                    rank[i] = r;
                    assigned++;
                }
            }
        }
        return rank;
    }

    @Property(tries = 100)
    void lazyGreedyChoosesWhatPlainGreedyChooses(@ForAll @IntRange(min = 2, max = 40) int n, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        NondominatedLevels levels = new NondominatedLevels();
        int[] ids = new int[n];
        double[][] pts = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble();
            pts[i] = new double[] {a, 1 - a + 0.01 * rng.nextDouble(), rng.nextDouble()};
            levels.add(i, pts[i]);
            ids[i] = i;
        }
        int size = 1 + rng.nextInt(n);
        int[] lazy = HypervolumeSplit.greedySubset(levels, ids, size);
        double[] ref = HypervolumeSplit.referencePoint(pts);
        // Plain greedy: each step must take a point of largest hypervolume gain. Gains that differ only by
        // rounding are ties, so the lazy choice is checked to be optimal and then followed.
        boolean[] taken = new boolean[n];
        java.util.List<double[]> chosen = new java.util.ArrayList<>();
        for (int step = 0; step < size; step++) {
            double base = dev.schedtune.search.analysis.Hypervolume.compute(chosen.toArray(new double[0][]), ref);
            double bestGain = Double.NEGATIVE_INFINITY;
            double lazyGain = Double.NaN;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                chosen.add(pts[i]);
                double gain =
                        dev.schedtune.search.analysis.Hypervolume.compute(chosen.toArray(new double[0][]), ref) - base;
                chosen.remove(chosen.size() - 1);
                bestGain = Math.max(bestGain, gain);
                if (i == lazy[step]) {
                    lazyGain = gain;
                }
            }
            assertThat(taken[lazy[step]])
                    .as("step %d takes a point twice", step)
                    .isFalse();
            assertThat(lazyGain)
                    .as("gain of the lazy choice at step %d", step)
                    .isCloseTo(
                            bestGain,
                            org.assertj.core.api.Assertions.within(1e-12 * Math.max(1.0, Math.abs(bestGain))));
            taken[lazy[step]] = true;
            chosen.add(pts[lazy[step]]);
        }
    }
}

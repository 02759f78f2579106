package dev.schedtune.search.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ParetoTest {

    @Property(tries = 300)
    void frontMatchesTheDefinition(
            @ForAll @Size(max = 60) List<@Size(3) List<@IntRange(min = 0, max = 6) Integer>> raw) {
        double[][] points = new double[raw.size()][];
        for (int i = 0; i < points.length; i++) {
            points[i] = raw.get(i).stream().mapToDouble(Integer::doubleValue).toArray();
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            boolean dominated = false;
            for (double[] q : points) {
                dominated |= Pareto.dominates(q, points[i]);
            }
            if (!dominated) {
                expected.add(i);
            }
        }
        assertThat(Pareto.frontIndices(points))
                .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        int[] ranks = Pareto.ranks(points);
        for (int i = 0; i < points.length; i++) {
            for (int j = 0; j < points.length; j++) {
                if (Pareto.dominates(points[i], points[j])) {
                    assertThat(ranks[i]).isLessThan(ranks[j]);
                }
            }
        }
    }

    @Test
    void equalPointsShareTheFront() {
        double[][] p = {{1, 1}, {1, 1}, {2, 0}, {2, 2}};
        assertThat(Pareto.frontIndices(p)).containsExactly(0, 1, 2);
        assertThat(Pareto.ranks(p)).containsExactly(0, 0, 0, 1);
    }
}

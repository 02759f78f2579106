package dev.schedtune.search.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.CategoricalDistribution;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.distribution.IntDistribution;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrozenTrialCompactionTest {
    private static FrozenTrial trial(int number, double lr, String first) {
        FrozenTrial.Builder b = FrozenTrial.builder(number, TrialState.COMPLETE)
                .trialId(100 + number)
                .values(ImmutableDoubleArray.of(lr * 2))
                .datetimeStart(Instant.ofEpochSecond(10))
                .datetimeComplete(Instant.ofEpochSecond(12));
        if (first.equals("lr")) {
            b.param("lr", lr, FloatDistribution.log(1e-4, 1));
            b.param("opt", 1, CategoricalDistribution.of(List.of("sgd", "adam")));
        } else {
            b.param("opt", 1, CategoricalDistribution.of(List.of("sgd", "adam")));
            b.param("lr", lr, FloatDistribution.log(1e-4, 1));
        }
        b.param("layers", 3, IntDistribution.of(1, 8));
        b.intermediateValue(0, ImmutableDoubleArray.of(0.5));
        b.systemAttr("nsga2:generation", 2L);
        b.userAttr("a", "x");
        b.userAttr("b", null);
        return b.build();
    }

    @Test
    void aCompactedTrialEqualsTheOriginalAndKeepsTheSuggestionOrder() {
        FrozenTrial t = trial(0, 0.01, "lr");
        FrozenTrial c = t.compacted();
        assertThat(c).isEqualTo(t).hasSameHashCodeAs(t);
        assertThat(t).isEqualTo(c);
        assertThat(c.compacted()).isSameAs(c);
        assertThat(c.internalParams())
                .containsExactly(Map.entry("lr", 0.01), Map.entry("opt", 1.0), Map.entry("layers", 3.0));
        assertThat(c.params())
                .containsExactly(Map.entry("lr", 0.01), Map.entry("opt", "adam"), Map.entry("layers", 3L));
        assertThat(c.internalParams().get("missing")).isNull();
        assertThat(c.internalParams().containsKey("layers")).isTrue();
        assertThat(c.distributions().keySet()).containsExactly("lr", "opt", "layers");
        assertThat(c.userAttrs())
                .containsExactly(Map.entry("a", "x"), new java.util.AbstractMap.SimpleEntry<>("b", null));
        assertThat(c.systemAttrs()).containsExactly(Map.entry("nsga2:generation", 2L));
        assertThat(c.intermediateValues()).isEqualTo(t.intermediateValues());
        assertThat(c.duration()).isEqualTo(t.duration());
        assertThatThrownBy(() -> c.internalParams().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.userAttrs().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
        // a builder from a compacted trial works as from any other
        FrozenTrial changed =
                c.toBuilder().param("extra", 0.5, FloatDistribution.of(0, 1)).build();
        assertThat(changed.internalParams()).hasSize(4).containsEntry("lr", 0.01);
    }

    @Test
    void trialsWithTheSameParametersShareOneLayoutButNotAcrossSuggestionOrders() {
        FrozenTrial a = trial(0, 0.01, "lr").compacted();
        FrozenTrial b = trial(1, 0.02, "lr").compacted();
        FrozenTrial other = trial(2, 0.03, "opt").compacted();
        assertThat(b.distributions()).isSameAs(a.distributions());
        assertThat(other.distributions()).isNotSameAs(a.distributions()).isEqualTo(a.distributions());
        assertThat(other.distributions().keySet()).containsExactly("opt", "lr", "layers");
        assertThat(b.internalParams()).containsEntry("lr", 0.02);
    }

    @Test
    void aTrialWithoutParametersOrAttributesCompactsToSharedEmptyMaps() {
        FrozenTrial t = FrozenTrial.builder(0, TrialState.FAIL).build();
        FrozenTrial c = t.compacted();
        assertThat(c).isEqualTo(t);
        assertThat(c.internalParams()).isEmpty();
        assertThat(c.lastStep()).isEqualTo(-1);
    }
}

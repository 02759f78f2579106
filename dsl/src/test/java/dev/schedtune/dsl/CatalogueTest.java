package dev.schedtune.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The data contract for every built-in: spec, rebuild, equality, toString. */
class CatalogueTest {
    private static final KindRegistry REGISTRY = KindRegistry.builtIn();

    @Test
    void everyBuiltInRebuildsFromItsSpecAsAnEqualScheduleWithIdenticalValues() {
        for (Curve s : Examples.all()) {
            ScheduleSpec spec = s.spec();
            Object rebuilt = REGISTRY.build(spec);
            assertThat(rebuilt).as("%s", spec).isEqualTo(s);
            assertThat(rebuilt.hashCode()).as("%s", spec).isEqualTo(s.hashCode());
            assertThat(((Curve) rebuilt).spec()).isEqualTo(spec);
            Schedule r = (Schedule) rebuilt;
            for (long t = 0; t <= 40; t++) {
                assertThat(r.valueAt(t)).as("%s at %d", spec, t).isEqualTo(s.valueAt(t));
            }
            for (double x = 0; x <= 20; x += 0.37) {
                assertThat(r.valueAtReal(x)).as("%s at %f", spec, x).isEqualTo(s.valueAtReal(x));
            }
            assertThat(s.toString()).isEqualTo(spec.toString());
        }
    }

    @Test
    void everyCoreKindIsExercisedByAnExampleOrBuildsByName() {
        Set<String> written = new HashSet<>();
        for (Curve s : Examples.all()) {
            collectKinds(s.spec(), written);
        }
        Set<String> aliases = Set.of(
                "step_decay", "multi_step", "cosine_warm_restarts", "cyclic_set", "one_cycle_set", "schedule_set");
        Set<String> core = REGISTRY.kinds().stream()
                .map(Kind::name)
                .filter(n -> !n.contains("."))
                .filter(n -> !n.startsWith("tune_") && !n.equals("template"))
                .collect(Collectors.toSet());
        Set<String> missing = new HashSet<>(core);
        missing.removeAll(written);
        missing.removeAll(aliases);
        assertThat(missing).as("kinds without an example").isEmpty();
    }

    @Test
    void distinctExamplesAreUnequal() {
        List<Curve> all = Examples.all();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertThat(all.get(i)).as("%s vs %s", all.get(i), all.get(j)).isNotEqualTo(all.get(j));
            }
        }
    }

    @Test
    void valueAtRealAgreesWithValueAtOnWholeSteps() {
        for (Curve s : Examples.all()) {
            for (long t = 0; t <= 30; t++) {
                assertThat(s.valueAtReal(t)).isEqualTo(s.valueAt(t));
            }
        }
    }

    @Test
    void bulkSamplingAgreesWithPointwiseValues() {
        for (Curve s : Examples.all()) {
            for (int from : new int[] {0, 3}) {
                for (int count : new int[] {50, 3000}) {
                    double[] out = s.sample(from, count);
                    for (int i = 0; i < out.length; i++) {
                        assertThat(out[i])
                                .as("%s at %d", s, from + i)
                                .isCloseTo(s.valueAt(from + i), org.assertj.core.api.Assertions.within(1e-13));
                    }
                }
            }
        }
        // long cosines take the angle-addition path
        Curve long1 = Schedules.cosine(1e-3, 1e-5, 100_000).then(Schedules.constant(1e-5));
        double[] out = long1.sample(0, 120_000);
        for (int i = 0; i < out.length; i += 7) {
            assertThat(out[i]).isCloseTo(long1.valueAt(i), org.assertj.core.api.Assertions.within(1e-16));
        }
    }

    private static void collectKinds(Object value, Set<String> into) {
        if (value instanceof ScheduleSpec) {
            ScheduleSpec spec = (ScheduleSpec) value;
            into.add(spec.kind());
            spec.args().values().forEach(v -> collectKinds(v, into));
        } else if (value instanceof List<?>) {
            ((List<?>) value).forEach(v -> collectKinds(v, into));
        } else if (value instanceof java.util.Map<?, ?>) {
            ((java.util.Map<?, ?>) value).values().forEach(v -> collectKinds(v, into));
        }
    }
}

package dev.schedtune.dsl.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Templates round-trip: any point of the space binds, and the bound schedule round-trips as data. */
class TemplateProperties {
    private static final Template FAMILY = TemplateTest.family();

    /** Draws uniformly within each parameter's range and grid, from a seeded generator. */
    static Suggester random(Random r) {
        return new Suggester() {
            @Override
            public double suggestFloat(String name, double low, double high, double step, boolean log) {
                if (step > 0) {
                    return low + step * r.nextInt((int) Math.floor((high - low) / step) + 1);
                }
                return log
                        ? Math.exp(Math.log(low) + r.nextDouble() * (Math.log(high) - Math.log(low)))
                        : low + r.nextDouble() * (high - low);
            }

            @Override
            public long suggestInt(String name, long low, long high, long step, boolean log) {
                return low + step * r.nextInt((int) ((high - low) / step) + 1);
            }

            @Override
            public String suggestCategorical(String name, List<String> labels) {
                return labels.get(r.nextInt(labels.size()));
            }
        };
    }

    @Property(tries = 300)
    void everyPointOfTheSpaceBindsAndRoundTrips(@ForAll Random r) {
        Map<String, Object> values = FAMILY.suggest(random(r));
        ScheduleSpec bound = FAMILY.bindSpec(values);
        assertThat(bound.toString()).doesNotContain("tune_");
        Schedule s = FAMILY.bindSchedule(values);
        assertThat(KindRegistry.builtIn().build(((Curve) s).spec())).isEqualTo(s);
        assertThat(((Curve) s).spec())
                .isEqualTo(KindRegistry.builtIn().build(bound) instanceof Curve c ? c.spec() : null);
        // the chosen values are exactly the active parameters
        for (Tunable t : FAMILY.space()) {
            assertThat(values.containsKey(t.name())).isEqualTo(t.isActive(values));
        }
        Template rebuilt = (Template) KindRegistry.builtIn().build(FAMILY.spec());
        assertThat(rebuilt.bind(values)).isEqualTo(s);
        for (long t = 0; t < 1000; t += 37) {
            assertThat(s.valueAt(t)).isFinite();
        }
    }
}

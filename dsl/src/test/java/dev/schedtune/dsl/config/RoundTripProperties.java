package dev.schedtune.dsl.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.Specified;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Round trips over schedules generated from the registries' own kinds (the built-in catalogue and the
 * test kinds): write(read(x)) is stable text, and read(write(s)) builds a schedule that evaluates
 * identically (bit for bit) at every step checked, in JSON and in YAML.
 */
class RoundTripProperties {
    private static final KindRegistry BUILT_IN = KindRegistry.builtIn();
    private static final long[] FAR_STEPS = {1_000, 4_096, 100_000, 10_000_000};

    @Provide
    Arbitrary<Kind> builtInKinds() {
        return Arbitraries.of(new ArrayList<>(BUILT_IN.kinds()));
    }

    @Provide
    Arbitrary<Kind> testKinds() {
        return Arbitraries.of(new ArrayList<>(TestKinds.registry().kinds()));
    }

    @Property(tries = 400)
    void builtInSchedulesRoundTrip(@ForAll("builtInKinds") Kind kind, @ForAll long seed) {
        buildable(BUILT_IN, kind, seed).ifPresent(spec -> assertRoundTrip(BUILT_IN, spec));
    }

    @Property(tries = 200)
    void testKindsRoundTrip(@ForAll("testKinds") Kind kind, @ForAll long seed) {
        KindRegistry registry = TestKinds.registry();
        buildable(registry, kind, seed).ifPresent(spec -> assertRoundTrip(registry, spec));
    }

    /** Every kind of the catalogue, not just a random few, gets through both formats. */
    @Test
    void everyBuiltInKindRoundTripsThroughBothFormats() {
        List<String> missed = new ArrayList<>();
        for (Kind kind : BUILT_IN.kinds()) {
            Optional<ScheduleSpec> spec = Optional.empty();
            for (long seed = 0; seed < 400 && spec.isEmpty(); seed++) {
                spec = buildable(BUILT_IN, kind, seed * 7919 + kind.name().hashCode());
            }
            if (spec.isEmpty()) {
                spec = ExampleSpecs.of(kind.name());
            }
            if (spec.isEmpty()) {
                missed.add(kind.name());
            } else {
                assertRoundTrip(BUILT_IN, spec.get());
            }
        }
        assertThat(missed).as("kinds for which no valid spec was generated").isEmpty();
        assertThat(BUILT_IN.kinds()).isNotEmpty();
    }

    private static Optional<ScheduleSpec> buildable(KindRegistry registry, Kind kind, long seed) {
        ScheduleSpec spec = new SpecGenerator(registry, seed).spec(kind, 2);
        try {
            registry.build(spec);
            return Optional.of(spec);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static void assertRoundTrip(KindRegistry registry, ScheduleSpec spec) {
        Object value = ConfigDocument.of(spec).build(registry);
        if (!(value instanceof ScheduleSet) && !(value instanceof Schedule)) {
            // a template: the text is stable and reads back to an equal value
            for (ConfigFormat format : ConfigFormat.values()) {
                String text = Configs.write(value, format);
                ConfigDocument read = Configs.parse(text, format);
                assertThat(read.write(format)).isEqualTo(text);
                assertThat(read.build(registry)).isEqualTo(value);
            }
            return;
        }
        ScheduleSet original = ConfigDocument.of(spec).buildSet(registry);
        for (ConfigFormat format : ConfigFormat.values()) {
            String text = ConfigDocument.of(spec).write(format);
            ConfigDocument read = Configs.parse(text, format);
            assertThat(read.write(format)).as("write(read(x)) for %s", text).isEqualTo(text);
            assertSameValues(original, read.buildSet(registry), text);
            // the built value describes itself; that description round-trips too
            Object built = ConfigDocument.of(spec).build(registry);
            if (built instanceof Specified) {
                String again = Configs.write(built, format);
                assertSameValues(original, Configs.parse(again, format).buildSet(registry), again);
            }
        }
    }

    static void assertSameValues(ScheduleSet expected, ScheduleSet actual, String text) {
        assertThat(actual.names()).containsExactlyElementsOf(expected.names());
        for (String name : expected.names()) {
            Schedule e = expected.get(name);
            Schedule a = actual.get(name);
            for (long step = 0; step <= 600; step++) {
                check(e, a, step, name, text);
            }
            for (long step : FAR_STEPS) {
                check(e, a, step, name, text);
            }
        }
    }

    private static void check(Schedule e, Schedule a, long step, String name, String text) {
        double x = e.valueAt(step);
        double y = a.valueAt(step);
        if (Double.compare(x, y) != 0) {
            throw new AssertionError(name + " at step " + step + ": " + x + " before, " + y + " after\n" + text);
        }
    }
}

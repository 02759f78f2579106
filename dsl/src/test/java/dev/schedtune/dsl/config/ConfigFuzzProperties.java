package dev.schedtune.dsl.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.spec.KindRegistry;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Malformed documents of every sort (byte-level mutations of good configs, token soup, random trees
 * over the kinds' field names) produce either a schedule or one {@link ConfigException} with a one-line
 * message; no other exception escapes.
 */
class ConfigFuzzProperties {
    private static final KindRegistry REGISTRY = TestKinds.registry();

    private static final List<String> SEEDS = List.of(
            "schedtune: 1\ntype: cosine\ninit_value: 0.1\ndecay_steps: 100\nalpha: 0.1\n",
            "schedules:\n  lr:\n    type: join\n    schedules:\n      - {type: linear, init_value: 0, end_value: 1,"
                    + " transition_steps: 10}\n      - type: constant\n        value: 1\n    boundaries: [10]\n"
                    + "  momentum: {type: constant, value: 0.9}\n",
            "{\"schedtune\": 1, \"type\": \"test.OneCycle\", \"max_lr\": 0.3, \"total_steps\": 97}",
            "{\"type\": \"piecewise_constant\", \"init_value\": 1, \"boundaries_and_scales\": {\"10\": 0.5,"
                    + " \"20\": 0.1}, \"mode\": \"replace\"}",
            "type: scale\nfactor: 2\nschedule: {type: constant, value: 3}\n",
            "type: test.sgdr\ncosine_kwargs:\n  - {init_value: 1, decay_steps: 3}\n");

    private static final String ALPHABET = "{}[]:,-\"' \n\t#&*!|>%@`?0123456789.eE+_abcdefghijklmnopqrstuvwxyz~\\";

    @Property(tries = 600)
    void mutatedConfigsFailOnlyWithConfigExceptions(@ForAll("mutated") String text) {
        check(text);
    }

    @Property(tries = 300)
    void tokenSoupFailsOnlyWithConfigExceptions(@ForAll("soup") String text) {
        check(text);
    }

    @Property(tries = 400)
    void randomTreesFailOnlyWithConfigExceptions(@ForAll("trees") String text) {
        check(text);
    }

    private static void check(String text) {
        for (ConfigFormat format : ConfigFormat.values()) {
            try {
                Configs.parse(text, format, "fuzz").build(REGISTRY);
            } catch (ConfigException e) {
                assertThat(e.getMessage()).isNotBlank().startsWith("fuzz");
                assertThat(e.problem()).isNotBlank();
            }
        }
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<Integer> edits = Arbitraries.integers().between(1, 6);
        return Combinators.combine(seed, edits, Arbitraries.randoms()).as((s, n, random) -> {
            StringBuilder b = new StringBuilder(s);
            for (int i = 0; i < n; i++) {
                int at = random.nextInt(b.length() + 1);
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                switch (random.nextInt(4)) {
                    case 0 -> b.insert(at, c);
                    case 1 -> {
                        if (at < b.length()) {
                            b.deleteCharAt(at);
                        }
                    }
                    case 2 -> {
                        if (at < b.length()) {
                            b.setCharAt(at, c);
                        }
                    }
                    default -> b.setLength(at);
                }
            }
            return b.toString();
        });
    }

    @Provide
    Arbitrary<String> soup() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(80);
    }

    @Provide
    Arbitrary<String> trees() {
        Arbitrary<String> keys = Arbitraries.of(
                "type",
                "schedtune",
                "schedules",
                "lr",
                "value",
                "init_value",
                "decay_steps",
                "alpha",
                "schedules",
                "boundaries",
                "factor",
                "schedule",
                "max_lr",
                "total_steps",
                "cosine_kwargs",
                "mode",
                "boundaries_and_scales",
                "10",
                "x");
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.of(
                        "\"cosine\"",
                        "\"join\"",
                        "\"constant\"",
                        "\"scale\"",
                        "\"test.OneCycle\"",
                        "\"replace\"",
                        "true",
                        "null",
                        "\"\"",
                        "1e308",
                        "-1e308",
                        "1e400",
                        "0.5",
                        "-0",
                        "3",
                        "-7",
                        "9223372036854775807",
                        "2",
                        "\"1\""),
                Arbitraries.doubles().between(-10, 1000).map(String::valueOf),
                Arbitraries.longs().between(-5, 300).map(String::valueOf));
        return tree(keys, scalars, 4);
    }

    private Arbitrary<String> tree(Arbitrary<String> keys, Arbitrary<String> scalars, int depth) {
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<String> child = Arbitraries.lazy(() -> tree(keys, scalars, depth - 1));
        Arbitrary<String> entry = Combinators.combine(keys, child).as((k, v) -> "\"" + k + "\": " + v);
        Arbitrary<String> map = entry.list().ofMaxSize(5).map(es -> "{" + String.join(", ", es) + "}");
        Arbitrary<String> list = child.list().ofMaxSize(4).map(vs -> "[" + String.join(", ", vs) + "]");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, scalars), net.jqwik.api.Tuple.of(5, map), net.jqwik.api.Tuple.of(2, list));
    }
}

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
    private static final List<KindRegistry> REGISTRIES = List.of(TestKinds.registry(), KindRegistry.builtIn());

    private static final List<String> SEEDS = List.of(
            "schedtune: 1\ntype: cosine\ninit_value: 0.1\ndecay_steps: 100\nalpha: 0.1\n",
            "schedules:\n  lr:\n    type: join\n    schedules:\n      - {type: linear, init_value: 0, end_value: 1,"
                    + " transition_steps: 10}\n      - type: constant\n        value: 1\n    boundaries: [10]\n"
                    + "  momentum: {type: constant, value: 0.9}\n",
            "{\"schedtune\": 1, \"type\": \"test.OneCycle\", \"max_lr\": 0.3, \"total_steps\": 97}",
            "{\"type\": \"piecewise_constant\", \"init_value\": 1, \"boundaries_and_scales\": {\"10\": 0.5,"
                    + " \"20\": 0.1}, \"mode\": \"replace\"}",
            "type: scale\nfactor: 2\nschedule: {type: constant, value: 3}\n",
            "type: test.sgdr\ncosine_kwargs:\n  - {init_value: 1, decay_steps: 3}\n",
            "schedtune: 1\ntype: torch.OneCycleLR\nmax_lr: 0.3\ntotal_steps: 97\nthree_phase: true\n",
            "type: torch.SequentialLR\nschedulers:\n  - {type: torch.LinearLR, base_lr: 0.1, start_factor: 0.1,"
                    + " total_iters: 10}\n  - {type: torch.CosineAnnealingLR, base_lr: 0.1, T_max: 90}\nmilestones: [10]\n",
            "{\"type\": \"optax.sgdr_schedule\", \"cosine_kwargs\": [{\"init_value\": 0, \"peak_value\": 0.1,"
                    + " \"warmup_steps\": 10, \"decay_steps\": 100}]}",
            "type: warmup\nsteps: 100\nschedule: {type: cosine, from: 0.2, to: 0.001, steps: 900}\n",
            "type: template\nschedule:\n  type: tune_choice\n  name: family\n  options:\n    - {type: one_cycle,"
                    + " max_lr: {type: tune_float, low: 0.01, high: 1, log: true}, total_steps: 100}\n"
                    + "    - {type: constant, value: {type: tune_float, low: 0, high: 1}}\n",
            "schedules:\n  lr: {type: timm.CosineLRScheduler, base_lr: 0.1, t_initial: 200, cycle_limit: 3}\n"
                    + "  momentum: {type: cyclic_exponential_decay, low: 0.8, high: 0.9, period: 50}\n");

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
            for (KindRegistry registry : REGISTRIES) {
                try {
                    Configs.parse(text, format, "fuzz").build(registry);
                } catch (ConfigException e) {
                    assertThat(e.getMessage()).isNotBlank().startsWith("fuzz");
                    assertThat(e.problem()).isNotBlank();
                }
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

package dev.schedtune.cli.tune.config;

import com.google.common.collect.ImmutableMap;
import dev.schedtune.search.sampler.HaltonSampler;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.sampler.Sampler;
import dev.schedtune.search.sampler.gp.GpSampler;
import dev.schedtune.search.sampler.jmetal.Nsga2Sampler;
import dev.schedtune.search.sampler.jmetal.SmsEmoaSampler;
import dev.schedtune.search.sampler.tpe.TpeSampler;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The sampler of a study config, and the CLI's one list of sampler types: its type and settings, checked
 * when read, and the one place a type name becomes a sampler ({@link #create}). Types: {@code tpe} (TPE,
 * MOTPE for several objectives; the default), {@code random}, {@code halton}, {@code nsga2}, {@code
 * smsemoa}, {@code gp} (Gaussian process, log-EI / log-EHVI). Study configs, {@code tune --sampler} and
 * {@code worker --benchmark --sampler} all name their sampler from this list.
 */
public final class SamplerSpec {
    static final String[] TYPES = {"tpe", "random", "halton", "nsga2", "smsemoa", "gp"};

    /** The sampler types a config (or {@code --sampler}) may name. */
    public static List<String> types() {
        return List.of(TYPES);
    }

    /** The types, for picocli's {@code completionCandidates} (an option's help prints them). */
    public static final class Types implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return types().iterator();
        }
    }

    private final String type;
    private final ImmutableMap<String, Object> settings;

    private SamplerSpec(String type, Map<String, Object> settings) {
        this.type = type;
        this.settings = ImmutableMap.copyOf(settings);
    }

    /** A sampler of {@code type} with its default settings. */
    public static SamplerSpec of(String type) {
        return new SamplerSpec(type, Map.of());
    }

    /**
     * This sampler keeping a population of {@code size} (its {@code population_size}) if its type keeps
     * one ({@code nsga2}, {@code smsemoa}); otherwise this sampler.
     */
    public SamplerSpec withPopulation(int size) {
        if (!keepsPopulation()) {
            return this;
        }
        Map<String, Object> s = new LinkedHashMap<>(settings);
        s.put("population_size", (long) size);
        return new SamplerSpec(type, s);
    }

    /** Whether samplers of this type keep a population of trials to breed from. */
    public boolean keepsPopulation() {
        return type.equals("nsga2") || type.equals("smsemoa");
    }

    static SamplerSpec read(Fields f) {
        String type = f.choice("type", "tpe", TYPES);
        Map<String, Object> s = new LinkedHashMap<>();
        switch (type) {
            case "tpe" -> {
                f.only("type", "startup_trials", "ei_candidates", "multivariate", "group", "constant_liar");
                putInt(f, s, "startup_trials", 0, 100_000);
                putInt(f, s, "ei_candidates", 1, 100_000);
                putBool(f, s, "multivariate");
                putBool(f, s, "group");
                putBool(f, s, "constant_liar");
                if (Boolean.TRUE.equals(s.get("group")) && !Boolean.TRUE.equals(s.get("multivariate"))) {
                    throw f.error("group", "group: true needs multivariate: true");
                }
            }
            case "nsga2" -> {
                f.only("type", "population_size");
                putInt(f, s, "population_size", 2, 100_000);
            }
            case "smsemoa" -> {
                f.only("type", "population_size", "startup_trials");
                putInt(f, s, "population_size", 2, 100_000);
                putInt(f, s, "startup_trials", 1, 100_000);
            }
            case "gp" -> {
                f.only("type", "startup_trials", "union_search_space", "deterministic_objective");
                putInt(f, s, "startup_trials", 0, 100_000);
                putBool(f, s, "union_search_space");
                putBool(f, s, "deterministic_objective");
            }
            default -> f.only("type");
        }
        return new SamplerSpec(type, s);
    }

    private static void putInt(Fields f, Map<String, Object> s, String key, long min, long max) {
        if (f.has(key)) {
            s.put(key, f.integer(key, 0, min, max));
        }
    }

    private static void putBool(Fields f, Map<String, Object> s, String key) {
        if (f.has(key)) {
            s.put(key, f.bool(key, false));
        }
    }

    public String type() {
        return type;
    }

    /** The sampler, seeded by the study (its seed is stored with the study). */
    public Sampler create() {
        return switch (type) {
            case "random" -> RandomSampler.create();
            case "halton" -> HaltonSampler.create();
            case "nsga2" -> {
                Nsga2Sampler.Builder b = Nsga2Sampler.builder();
                if (settings.containsKey("population_size")) {
                    b.populationSize(intOf("population_size"));
                }
                yield b.build();
            }
            case "smsemoa" -> {
                SmsEmoaSampler.Builder b = SmsEmoaSampler.builder();
                if (settings.containsKey("population_size")) {
                    b.populationSize(intOf("population_size"));
                }
                if (settings.containsKey("startup_trials")) {
                    b.startupTrials(intOf("startup_trials"));
                }
                yield b.build();
            }
            case "gp" -> {
                GpSampler.Builder b = GpSampler.builder();
                if (settings.containsKey("startup_trials")) {
                    b.nStartupTrials(intOf("startup_trials"));
                }
                b.unionSearchSpace(!Boolean.FALSE.equals(settings.get("union_search_space")));
                b.deterministicObjective(Boolean.TRUE.equals(settings.get("deterministic_objective")));
                yield b.build();
            }
            default -> {
                TpeSampler.Builder b = TpeSampler.builder();
                if (settings.containsKey("startup_trials")) {
                    b.nStartupTrials(intOf("startup_trials"));
                }
                if (settings.containsKey("ei_candidates")) {
                    b.nEiCandidates(intOf("ei_candidates"));
                }
                b.multivariate(Boolean.TRUE.equals(settings.get("multivariate")));
                b.group(Boolean.TRUE.equals(settings.get("group")));
                b.constantLiar(Boolean.TRUE.equals(settings.get("constant_liar")));
                yield b.build();
            }
        };
    }

    private int intOf(String key) {
        return ((Number) Objects.requireNonNull(settings.get(key))).intValue();
    }

    Map<String, Object> toConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.putAll(settings);
        return m;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SamplerSpec other && other.type.equals(type) && other.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, settings);
    }

    @Override
    public String toString() {
        return settings.isEmpty() ? type : type + settings;
    }
}

package dev.schedtune.cli.tune.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.SchedtuneCli;
import dev.schedtune.search.sampler.HaltonSampler;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.sampler.gp.GpSampler;
import dev.schedtune.search.sampler.jmetal.Nsga2Sampler;
import dev.schedtune.search.sampler.jmetal.SmsEmoaSampler;
import dev.schedtune.search.sampler.tpe.TpeSampler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one list of sampler types: every name makes its sampler, and the help lists them all. */
class SamplerSpecTest {
    @Test
    void everyTypeMakesItsSampler() {
        List<Class<?>> made = new ArrayList<>();
        for (String type : SamplerSpec.types()) {
            made.add(SamplerSpec.of(type).create().getClass());
        }
        assertThat(made)
                .containsExactly(
                        TpeSampler.class,
                        RandomSampler.class,
                        HaltonSampler.class,
                        Nsga2Sampler.class,
                        SmsEmoaSampler.class,
                        GpSampler.class);
    }

    @Test
    void aPopulationGoesOnlyToTheTypesThatKeepOne() {
        assertThat(SamplerSpec.of("nsga2").withPopulation(6).create()).hasToString("Nsga2Sampler(populationSize=6)");
        assertThat(SamplerSpec.of("smsemoa").withPopulation(6).create())
                .hasToString("SmsEmoaSampler(populationSize=6)");
        assertThat(SamplerSpec.of("tpe").withPopulation(6)).isEqualTo(SamplerSpec.of("tpe"));
        assertThat(SamplerSpec.of("random").keepsPopulation()).isFalse();
    }

    @Test
    void theHelpOfTuneAndWorkerListsTheTypes() {
        List<String> listed = new ArrayList<>();
        new SamplerSpec.Types().forEach(listed::add);
        assertThat(listed).isEqualTo(SamplerSpec.types());
        assertThat(help("tune")).contains("Replace the config's sampler: tpe, random, halton, nsga2,");
        assertThat(help("worker")).contains("With --benchmark: tpe, random, halton, nsga2, smsemoa,");
    }

    private static String help(String command) {
        StringWriter out = new StringWriter();
        int code = SchedtuneCli.create(new PrintWriter(out), new PrintWriter(new StringWriter()))
                .execute(command, "--help");
        assertThat(code).isZero();
        return out.toString().replaceAll("\\s+", " ");
    }
}

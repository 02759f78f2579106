package dev.schedtune.cli.tune.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.config.ConfigException;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.search.pbt.PopulationBasedTraining;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pbt section of a study config: the shipped example, the round trip, and clear errors. */
class PbtSectionTest {
    private static final KindRegistry KINDS = KindRegistry.builtIn();

    private static StudyConfig parse(String text) {
        return StudyConfigReader.parse(text, ConfigFormat.YAML, "p.yaml", Path.of(""), KINDS);
    }

    private static String config(String training, String pbt) {
        return """
                schedtune: 1
                study: p
                task: {type: digits}
                training: %s
                objectives: [accuracy]
                pbt:
                %s
                """.formatted(training, pbt.indent(2));
    }

    private static final String HPS = "hyperparameters: {lr: {low: 0.01, high: 0.5, log: true}}";

    @Test
    void theShippedExampleReadsAndWritesBackTheSame() {
        StudyConfig c = StudyConfigReader.read(Path.of("../examples/configs/pbt/fashion-pbt.yaml"), KINDS);
        PopulationBasedTraining pbt = c.pbt().orElseThrow();
        assertThat(c.hasTemplate()).isFalse();
        assertThat(pbt.population()).isEqualTo(8);
        assertThat(pbt.epochs()).isEqualTo(6);
        assertThat(pbt.generations()).isEqualTo(6);
        assertThat(pbt.hyperparameters().keySet()).containsExactly("lr", "momentum");
        assertThat(pbt.hyperparameters().get("lr").isLog()).isTrue();
        String json = StudyConfigReader.write(c);
        StudyConfig back = StudyConfigReader.parse(json, ConfigFormat.JSON, "stored", Path.of(""), KINDS);
        assertThat(back.pbt()).contains(pbt);
        assertThat(StudyConfigReader.write(back)).isEqualTo(json);
    }

    @Test
    void theEpochsComeFromTrainingUnlessTunedThenThePbtSectionMustGiveThem() {
        assertThat(parse(config("{epochs: 5}", HPS)).pbt().orElseThrow().epochs())
                .isEqualTo(5);
        assertThat(parse(config("{epochs: 5}", "epochs: 7\n" + HPS))
                        .pbt()
                        .orElseThrow()
                        .epochs())
                .isEqualTo(7);
        assertThatThrownBy(() -> parse(config("{epochs: {type: tune_int, low: 2, high: 6}}", HPS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("$.pbt.epochs")
                .hasMessageContaining("give pbt.epochs");
    }

    @Test
    void theClaimGraceIsTwoMinutesUnlessGivenAndIsWrittenBack() {
        assertThat(parse(config("{epochs: 5}", HPS)).pbt().orElseThrow().claimGrace())
                .isEqualTo(Duration.ofMinutes(2));
        StudyConfig c = parse(config("{epochs: 5}", "claim_grace: 5s\n" + HPS));
        assertThat(c.pbt().orElseThrow().claimGrace()).isEqualTo(Duration.ofSeconds(5));
        StudyConfig back =
                StudyConfigReader.parse(StudyConfigReader.write(c), ConfigFormat.JSON, "stored", Path.of(""), KINDS);
        assertThat(back.pbt().orElseThrow().claimGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> parse(config("{epochs: 5}", "claim_grace: 0s\n" + HPS)))
                .hasMessageContaining("claim_grace (0s) must be > 0");
        assertThatThrownBy(() -> parse(config("{epochs: 5}", "claim_grace: soon\n" + HPS)))
                .hasMessageContaining("claim_grace");
    }

    @Test
    void badValuesNameTheFieldTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> parse(config("{epochs: 5}", "quantile: 0.7\n" + HPS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("$.pbt.quantile")
                .hasMessageContaining("quantile (0.7) must be in [0.0, 0.5]");
        assertThatThrownBy(() -> parse(config("{epochs: 5}", "perturbation_factors: [0.8]\n" + HPS)))
                .hasMessageContaining("perturbation_factors must be two numbers > 0");
        assertThatThrownBy(() -> parse(config("{epochs: 5}", "population: 4")))
                .hasMessageContaining("$.pbt.hyperparameters")
                .hasMessageContaining("the hyperparameters to explore");
        assertThatThrownBy(() -> parse(config("{epochs: 5}", "hyperparameters: {lr: {low: 0.5, high: 0.1}}")))
                .hasMessageContaining("$.pbt.hyperparameters.lr");
        assertThatThrownBy(() -> parse(config("{epochs: 5}", "populaton: 4\n" + HPS)))
                .hasMessageContaining("populaton");
    }
}

package dev.schedtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the root README says about the built-in study agrees with the study `schedtune tune` runs. */
class ReadmeFactsTest {
    @Test
    void theReadmesEpochRangeIsTheBuiltInStudys() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String config = Files.readString(Path.of("src/main/resources/dev/schedtune/cli/tune/default-study.yaml"));
        Matcher said = Pattern.compile("number of epochs \\((\\d+)-(\\d+)\\)").matcher(readme);
        Matcher is = Pattern.compile("epochs: \\{type: tune_int, name: epochs, low: (\\d+), high: (\\d+)}")
                .matcher(config);
        assertThat(said.find()).as("README names the epoch range").isTrue();
        assertThat(is.find()).as("the built-in study searches the epochs").isTrue();
        assertThat(said.group(1) + "-" + said.group(2)).isEqualTo(is.group(1) + "-" + is.group(2));
    }
}

package dev.schedtune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsTheFormsPeopleWrite() {
        assertThat(Durations.parse("90s", "--timeout")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1h30m", "--timeout")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("45", "--timeout")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("PT10M", "--timeout")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2.5m", "--timeout")).isEqualTo(Duration.ofSeconds(150));
        assertThat(Durations.parse("500ms", "--work")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("1m500ms", "--work")).isEqualTo(Duration.ofMillis(60_500));
        assertThat(Durations.parseOrZero("0s", "--work")).isEqualTo(Duration.ZERO);
    }

    @Test
    void errorsNameTheOptionTheValueAndTheForms() {
        assertThatThrownBy(() -> Durations.parse("0s", "--timeout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--timeout (0s) must be > 0");
        assertThatThrownBy(() -> Durations.parse("5 parsecs", "timeout"))
                .hasMessageStartingWith("timeout (5 parsecs) is not a duration; write e.g. 500ms, 90s");
        assertThatThrownBy(() -> Durations.parse("-5s", "--grace")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Durations.parse("PT-5S", "--grace")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Durations.parse("", "--grace")).hasMessageContaining("is not a duration");
    }

    @Test
    void formatsShortAndLong() {
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofSeconds(12))).isEqualTo("12s");
        assertThat(Durations.format(Duration.ofSeconds(65))).isEqualTo("1m05s");
        assertThat(Durations.format(Duration.ofSeconds(3725))).isEqualTo("1h02m05s");
        assertThat(Durations.format(Duration.ofSeconds(-3))).isEqualTo("0ms");
    }
}

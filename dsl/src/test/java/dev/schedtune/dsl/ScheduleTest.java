package dev.schedtune.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void getAndInvokeAreValueAt() {
        Schedule s = step -> 0.5 * step;
        assertThat(s.get(4)).isEqualTo(2.0);
        assertThat(s.invoke(4)).isEqualTo(2.0);
    }
}

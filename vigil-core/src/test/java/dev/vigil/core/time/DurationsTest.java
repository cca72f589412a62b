package dev.vigil.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void kibanaIntervals() {
    assertThat(Durations.parseInterval("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parseInterval("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parseInterval("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parseInterval("2d")).isEqualTo(Duration.ofDays(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "m", "0m", "05m", "5 m", "5ms", "1w", "-5m", "5M", "1.5h"})
  void rejectsWhatKibanaRejects(String text) {
    assertThatThrownBy(() -> Durations.parseInterval(text))
        .isInstanceOf(DateMathException.class)
        .hasMessage(
            "invalid duration ["
                + text
                + "]: expected a positive whole number followed by s, m, h or d, e.g. [5m]");
  }

  @Test
  void elasticsearchTimeValues() {
    assertThat(Durations.parseTimeValue("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parseTimeValue("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parseTimeValue("0s")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parseTimeValue("7micros")).isEqualTo(Duration.ofNanos(7000));
    assertThat(Durations.parseTimeValue("3nanos")).isEqualTo(Duration.ofNanos(3));
    assertThat(Durations.parseTimeValue("1d")).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> Durations.parseTimeValue("1w"))
        .hasMessageContaining("nanos, micros, ms, s, m, h or d");
    assertThatThrownBy(() -> Durations.parseTimeValue("99999999999999999999s"))
        .hasMessage("invalid duration [99999999999999999999s]: expected a smaller amount");
  }

  @Test
  void formatsInTheLargestWholeUnit() {
    assertThat(Durations.format(Duration.ofMinutes(5), true)).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofMinutes(60), true)).isEqualTo("1h");
    assertThat(Durations.format(Duration.ofHours(48), true)).isEqualTo("2d");
    assertThat(Durations.format(Duration.ofHours(48), false)).isEqualTo("48h");
    assertThat(Durations.format(Duration.ofSeconds(90), true)).isEqualTo("90s");
    assertThat(Durations.parseInterval(Durations.format(Duration.ofMinutes(9), true)))
        .isEqualTo(Duration.ofMinutes(9));
  }
}

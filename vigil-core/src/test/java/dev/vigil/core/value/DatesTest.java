package dev.vigil.core.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {

  @ParameterizedTest
  @CsvSource({
    "2024-06-09T13:52:06Z, 2024-06-09T13:52:06Z",
    "2024-06-09T13:52:06.9Z, 2024-06-09T13:52:06.900Z",
    "2024-06-09T13:52:06.94Z, 2024-06-09T13:52:06.940Z",
    "2024-06-09T13:52:06.9710234Z, 2024-06-09T13:52:06.971023400Z",
    "2024-06-09T13:52:07.403464561Z, 2024-06-09T13:52:07.403464561Z",
    "'2024-06-09T13:52:07,5Z', 2024-06-09T13:52:07.500Z",
    "2024-06-09T13:52:07, 2024-06-09T13:52:07Z",
    "2024-06-09T13:52, 2024-06-09T13:52:00Z",
    "2024-06-09T13, 2024-06-09T13:00:00Z",
    "2024-06-09, 2024-06-09T00:00:00Z",
    "2024-06, 2024-06-01T00:00:00Z",
    "2024, 2024-01-01T00:00:00Z",
    "2024-06-09T13:52:06+02:00, 2024-06-09T11:52:06Z",
    "2024-06-09T13:52:06-0130, 2024-06-09T15:22:06Z",
    "2024-06-09T13:52:06+05, 2024-06-09T08:52:06Z",
    "2024-02-29T00:00:00Z, 2024-02-29T00:00:00Z",
    "1666873459714, 2022-10-27T12:24:19.714Z",
    "1, 1970-01-01T00:00:00.001Z",
    "-1000, 1969-12-31T23:59:59Z",
    "1.5, 1970-01-01T00:00:00.001500Z",
    "24, 1970-01-01T00:00:00.024Z",
  })
  void parsesTheDefaultFormat(String text, String expected) {
    assertThat(Dates.parse(text)).contains(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2024-6-9",
        "2024-06-09 13:52:06",
        "2024-06-09T25:00:00Z",
        "2024-02-30",
        "2023-02-29",
        "2024-06-09T13:52:06.Z",
        "2024-06-09T13:52:06.1234567891Z",
        "2024-06-09T13:52:06ZZ",
        "2024-06-09Z",
        "now",
        "1e3",
        "12:00"
      })
  void rejectsWhatTheDefaultFormatRejects(String text) {
    assertThat(Dates.parse(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void formatsWithMilliseconds() {
    assertThat(Dates.formatMillis(Instant.parse("2026-11-19T13:59:52.089152901Z")))
        .isEqualTo("2026-11-19T13:59:52.089Z");
    assertThat(Dates.formatMillis(Instant.parse("2025-01-01T00:05:00Z")))
        .isEqualTo("2025-01-01T00:05:00.000Z");
  }
}

package dev.vigil.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateMathTest {
  // a Wednesday
  private static final Instant NOW = Instant.parse("2026-11-25T13:37:42.123Z");
  private static final ZoneId UTC = ZoneId.of("UTC");

  @ParameterizedTest
  @CsvSource({
    "now, false, 2026-11-25T13:37:42.123Z",
    "now-9m, false, 2026-11-25T13:28:42.123Z",
    "now-6m, false, 2026-11-25T13:31:42.123Z",
    "now-5d, false, 2026-11-20T13:37:42.123Z",
    "now+1h, false, 2026-11-25T14:37:42.123Z",
    "now-1H, false, 2026-11-25T12:37:42.123Z",
    "now-30s, false, 2026-11-25T13:37:12.123Z",
    "now-500ms, false, 2026-11-25T13:37:41.623Z",
    "now-d, false, 2026-11-24T13:37:42.123Z",
    "now-1M, false, 2026-10-25T13:37:42.123Z",
    "now-1y, false, 2025-11-25T13:37:42.123Z",
    "now-2w, false, 2026-11-11T13:37:42.123Z",
    "now/d, false, 2026-11-25T00:00:00Z",
    "now/d, true, 2026-11-25T23:59:59.999Z",
    "now-30d/d, false, 2026-10-26T00:00:00Z",
    "now/w, false, 2026-11-23T00:00:00Z",
    "now/M, false, 2026-11-01T00:00:00Z",
    "now/y, true, 2026-12-31T23:59:59.999Z",
    "now/h, false, 2026-11-25T13:00:00Z",
    "now/m, false, 2026-11-25T13:37:00Z",
    "now/s, false, 2026-11-25T13:37:42Z",
    "now-1d/d+1h, false, 2026-11-24T01:00:00Z",
    "2024-01-31||+1M, false, 2024-02-29T00:00:00Z",
    "2024-01-31T10:00:00Z||/d, false, 2024-01-31T00:00:00Z",
    "2024-01-31T10:00:00Z, false, 2024-01-31T10:00:00Z",
    "' now-9m ', false, 2026-11-25T13:28:42.123Z",
  })
  void evaluates(String expression, boolean roundUp, String expected) {
    assertThat(DateMath.evaluate(expression, NOW, roundUp, UTC)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"now-9x", "now-", "now*2", "yesterday", "now-9m/", "2024-13-01||-1d"})
  void rejectsInvalidExpressions(String expression) {
    assertThatThrownBy(() -> DateMath.evaluate(expression, NOW))
        .isInstanceOf(DateMathException.class)
        .hasMessageContaining("[" + expression + "]");
  }

  @org.junit.jupiter.api.Test
  void roundsInTheGivenZone() {
    assertThat(DateMath.evaluate("now/d", NOW, false, ZoneId.of("America/New_York")))
        .isEqualTo(Instant.parse("2026-11-25T05:00:00Z"));
  }
}

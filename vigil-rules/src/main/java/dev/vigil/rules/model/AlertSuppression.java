package dev.vigil.rules.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Alert suppression: one alert per combination of {@code groupBy} values, per rule execution or for
 * {@code duration}; {@code missingFieldsStrategy} is {@code suppress} (events missing a group field
 * are suppressed together) or {@code doNotSuppress}.
 */
public record AlertSuppression(
    List<String> groupBy, Optional<Duration> duration, String missingFieldsStrategy) {

  public static final String SUPPRESS = "suppress";
  public static final String DO_NOT_SUPPRESS = "doNotSuppress";

  public AlertSuppression {
    groupBy = List.copyOf(groupBy);
    requireNonNull(duration, "duration is null");
    requireNonNull(missingFieldsStrategy, "missingFieldsStrategy is null");
  }
}

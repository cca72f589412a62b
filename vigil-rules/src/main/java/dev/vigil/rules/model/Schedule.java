package dev.vigil.rules.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * When a rule runs and what it searches: every {@code interval}, the window {@code [from, to]}
 * evaluated as date math against the execution's start, at most {@code maxSignals} alerts per
 * execution, ordering and windowing on {@code timestampOverride} (falling back to {@code
 * @timestamp} unless that fallback is disabled).
 */
public record Schedule(
    Duration interval,
    String from,
    String to,
    int maxSignals,
    Optional<String> timestampOverride,
    boolean timestampOverrideFallbackDisabled) {

  /** Kibana's defaults: {@code interval ?? 5m}, {@code from ?? now-6m}, {@code to ?? now}. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  public static final String DEFAULT_FROM = "now-6m";
  public static final String DEFAULT_TO = "now";

  /** {@code DEFAULT_MAX_SIGNALS} in Kibana. */
  public static final int DEFAULT_MAX_SIGNALS = 100;

  public Schedule {
    requireNonNull(interval, "interval is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    requireNonNull(timestampOverride, "timestampOverride is null");
    if (maxSignals < 1) {
      throw new IllegalArgumentException("max_signals must be at least 1");
    }
  }
}

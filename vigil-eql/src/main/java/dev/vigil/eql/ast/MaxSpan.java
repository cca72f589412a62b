package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.concurrent.TimeUnit;

/**
 * {@code with maxspan=5m}: the longest time a sequence may take from its first to its last event.
 * The value is positive and the unit one of {@code ms, s, m, h, d}, as Elasticsearch's {@code
 * LogicalPlanBuilder.visitSequenceParams} requires.
 */
public record MaxSpan(long value, TimeUnit unit, Span span) {

  public MaxSpan {
    if (value <= 0) {
      throw new IllegalArgumentException("value is not positive: " + value);
    }
    requireNonNull(unit, "unit is null");
    requireNonNull(span, "span is null");
  }

  /** The span in milliseconds, saturating at {@link Long#MAX_VALUE}. */
  public long millis() {
    return unit.toMillis(value);
  }

  @Override
  public String toString() {
    return value + suffix(unit);
  }

  private static String suffix(TimeUnit unit) {
    switch (unit) {
      case MILLISECONDS:
        return "ms";
      case SECONDS:
        return "s";
      case MINUTES:
        return "m";
      case HOURS:
        return "h";
      case DAYS:
        return "d";
      default:
        // NANOSECONDS and MICROSECONDS are never produced by the parser.
        return " " + unit;
    }
  }
}

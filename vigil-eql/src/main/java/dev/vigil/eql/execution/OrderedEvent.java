package dev.vigil.eql.execution;

import dev.vigil.core.event.Event;
import dev.vigil.eql.compile.Values;
import java.time.Instant;
import java.util.Comparator;

/**
 * An event with its sort position: timestamp, tiebreaker, input index — Elasticsearch's EQL sort
 * ({@code @timestamp}, {@code tiebreaker_field}, then the implicit shard/doc order, which input
 * order stands for). Events without a timestamp sort last.
 *
 * @param timestamp null when the event has none
 * @param tiebreaker null when absent
 */
record OrderedEvent(Event event, Instant timestamp, Object tiebreaker, int input) {

  static final Comparator<OrderedEvent> ORDER =
      (a, b) -> {
        if (a.timestamp != b.timestamp) {
          if (a.timestamp == null || b.timestamp == null) {
            return a.timestamp == null ? 1 : -1;
          }
          int c = a.timestamp.compareTo(b.timestamp);
          if (c != 0) {
            return c;
          }
        }
        if (a.tiebreaker != b.tiebreaker) {
          if (a.tiebreaker == null || b.tiebreaker == null) {
            return a.tiebreaker == null ? 1 : -1;
          }
          int c = Values.compareKeys(a.tiebreaker, b.tiebreaker);
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.input, b.input);
      };

  /** The timestamp in epoch nanoseconds, saturating. */
  long nanos() {
    long seconds = timestamp.getEpochSecond();
    if (seconds > Long.MAX_VALUE / 1_000_000_000L - 1) {
      return Long.MAX_VALUE;
    }
    if (seconds < Long.MIN_VALUE / 1_000_000_000L + 1) {
      return Long.MIN_VALUE;
    }
    return seconds * 1_000_000_000L + timestamp.getNano();
  }

  long millis() {
    return timestamp.toEpochMilli();
  }
}

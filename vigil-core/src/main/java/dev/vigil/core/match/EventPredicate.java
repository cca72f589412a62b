package dev.vigil.core.match;

import dev.vigil.core.event.Event;

/**
 * A compiled test of one event: what a KQL or Lucene query, a rule filter, an exception item or an
 * EQL condition becomes once it is parsed, analyzed and compiled. Implementations are immutable and
 * thread-safe, and do no parsing or tree walking per event.
 */
@FunctionalInterface
public interface EventPredicate {

  /** True when the event matches. */
  boolean test(Event event);

  /** Matches every event. */
  static EventPredicate always() {
    return event -> true;
  }

  /** Both must match; {@code other} is not evaluated when this does not match. */
  default EventPredicate and(EventPredicate other) {
    return event -> test(event) && other.test(event);
  }

  /** The opposite of this predicate. */
  default EventPredicate negate() {
    return event -> !test(event);
  }
}

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

  /**
   * A necessary condition of this predicate that callers may test first, or use to route events
   * (every event this predicate matches meets it); {@link Requirement#none()} when none is known.
   */
  default Requirement requirement() {
    return Requirement.none();
  }

  /** Matches every event. */
  static EventPredicate always() {
    return event -> true;
  }

  /**
   * Both must match; {@code other} is not evaluated when this does not match. The conjunction
   * requires what either requires.
   */
  default EventPredicate and(EventPredicate other) {
    EventPredicate first = this;
    Requirement both = requirement().and(other.requirement());
    return new EventPredicate() {
      @Override
      public boolean test(Event event) {
        return first.test(event) && other.test(event);
      }

      @Override
      public Requirement requirement() {
        return both;
      }
    };
  }

  /** The opposite of this predicate. */
  default EventPredicate negate() {
    return event -> !test(event);
  }
}

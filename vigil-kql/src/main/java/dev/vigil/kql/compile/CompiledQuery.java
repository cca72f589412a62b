package dev.vigil.kql.compile;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;

/**
 * The {@link EventPredicate} the compilers hand out: the compiled plan plus the language and text
 * it came from. Immutable and thread-safe; testing an event walks only the precompiled predicate
 * records.
 *
 * @param language {@code kql}, {@code lucene} or {@code dsl}
 * @param text the source text
 * @param plan the compiled plan
 */
record CompiledQuery(String language, String text, DocPredicate plan) implements EventPredicate {

  CompiledQuery {
    requireNonNull(language, "language is null");
    requireNonNull(text, "text is null");
    requireNonNull(plan, "plan is null");
  }

  @Override
  public boolean test(Event event) {
    return plan.test(new EventDoc(event));
  }

  @Override
  public String toString() {
    return language + " " + plan;
  }
}

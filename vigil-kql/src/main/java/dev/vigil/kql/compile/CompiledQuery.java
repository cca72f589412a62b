package dev.vigil.kql.compile;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.match.Requirement;

/**
 * The {@link EventPredicate} the compilers hand out: the compiled plan plus the language and text
 * it came from. Immutable and thread-safe; testing an event walks only the precompiled predicate
 * records.
 *
 * @param language {@code kql}, {@code lucene} or {@code dsl}
 * @param text the source text
 * @param plan the compiled plan
 * @param requirement the plan's {@linkplain DocPredicate#requirement() requirement}, derived once
 */
record CompiledQuery(String language, String text, DocPredicate plan, Requirement requirement)
    implements EventPredicate {

  CompiledQuery {
    requireNonNull(language, "language is null");
    requireNonNull(text, "text is null");
    requireNonNull(plan, "plan is null");
    requireNonNull(requirement, "requirement is null");
  }

  CompiledQuery(String language, String text, DocPredicate plan) {
    this(language, text, plan, plan.requirement());
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

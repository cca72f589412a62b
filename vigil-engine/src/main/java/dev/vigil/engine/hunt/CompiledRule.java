package dev.vigil.engine.hunt;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.match.EventPredicate;
import dev.vigil.rules.model.Rule;

/** A loaded rule made ready to run, or the reason it cannot run. */
public sealed interface CompiledRule {

  Rule rule();

  /**
   * A rule whose events are chosen by one per-event condition (query, new_terms, threshold): the
   * query, the enabled filters and the negated exceptions, AND-ed.
   */
  record Searchable(Rule rule, EventPredicate condition) implements CompiledRule {
    public Searchable {
      requireNonNull(rule, "rule is null");
      requireNonNull(condition, "condition is null");
    }
  }

  /** A rule Vigil does not run, with the reason to tell the user once. */
  record Unsupported(Rule rule, String reason) implements CompiledRule {
    public Unsupported {
      requireNonNull(rule, "rule is null");
      requireNonNull(reason, "reason is null");
    }
  }
}

package dev.vigil.engine.hunt;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.match.EventPredicate;
import dev.vigil.engine.compile.Exceptions;
import dev.vigil.eql.CompiledEql;
import dev.vigil.rules.model.Rule;

/** A loaded rule made ready to run, or the reason it cannot run. */
public sealed interface CompiledRule {

  Rule rule();

  /**
   * A rule whose events are chosen by one per-event condition (query, new_terms, threshold): the
   * query and the enabled filters, AND-ed; events its exceptions match are left out.
   */
  record Searchable(Rule rule, EventPredicate condition, Exceptions exceptions)
      implements CompiledRule {
    public Searchable {
      requireNonNull(rule, "rule is null");
      requireNonNull(condition, "condition is null");
      requireNonNull(exceptions, "exceptions is null");
    }
  }

  /**
   * An eql rule: the compiled query, and the filters and exceptions that decide which events may
   * take part in it (Kibana puts them in the EQL request's {@code filter}).
   */
  record Eql(Rule rule, EventPredicate filters, Exceptions exceptions, CompiledEql query)
      implements CompiledRule {
    public Eql {
      requireNonNull(rule, "rule is null");
      requireNonNull(filters, "filters is null");
      requireNonNull(exceptions, "exceptions is null");
      requireNonNull(query, "query is null");
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

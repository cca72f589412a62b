package dev.vigil.kql.explain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.explain.ExplainNode;
import dev.vigil.core.explain.Truth;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.kql.compile.ClausePlan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains why an event matches a KQL query, a Lucene query string, a rule's {@code filters} or a
 * query DSL clause (as exceptions carry them), or not: the query as a tree of {@link ExplainNode}s,
 * each clause with its value for the event and, for a field query, the values of the fields it
 * read.
 *
 * <p><b>Same values as the compiled query.</b> The clauses come from {@link ClausePlan}, which
 * holds for each clause the plan the compilers build for it with the same translators, and the
 * values are those plans' answers; the root's plan is the compiled query's plan.
 *
 * <p><b>Lifecycle.</b> A factory ({@link #kql}, {@link #lucene}, {@link #filters}, {@link #dsl})
 * compiles once; the result is immutable and {@link #explain(Event)} may be called for many events
 * from many threads. The static {@code explain…} methods do both for one event. Date math ({@code
 * now-5m}) reads the given clock, the system UTC clock by default, as the compilers do. None of
 * this is on the path of the compiled predicates, which cost nothing more for it.
 */
public final class KqlExplainer {
  /** Above this many fields a clause lists only those the event has (free text reads them all). */
  static final int MAX_FIELDS_LISTED = 8;

  /** Values listed per field before the rest is counted, so one huge array cannot flood a line. */
  private static final int MAX_VALUES_SHOWN = 20;

  private final ClausePlan root;

  private KqlExplainer(ClausePlan root) {
    this.root = requireNonNull(root, "root is null");
  }

  /**
   * Prepares a KQL query.
   *
   * @throws QueryException as {@code KqlCompiler.compile} throws it
   */
  public static KqlExplainer kql(String kql, Schema schema, Clock clock) {
    return new KqlExplainer(ClausePlan.kql(kql, schema, clock));
  }

  /**
   * Prepares a Lucene query string.
   *
   * @throws QueryException as {@code LuceneCompiler.compile} throws it
   */
  public static KqlExplainer lucene(String query, Schema schema, Clock clock) {
    return new KqlExplainer(ClausePlan.lucene(query, schema, clock));
  }

  /**
   * Prepares a rule's {@code filters}: one child per filter, in order; a negated filter under a
   * {@code NOT} node, a disabled one marked and always true (Kibana drops it).
   *
   * @throws QueryException as {@code FilterCompiler.compile} throws it
   */
  public static KqlExplainer filters(List<JsonNode> filters, Schema schema, Clock clock) {
    return new KqlExplainer(ClausePlan.filters(filters, schema, clock));
  }

  /**
   * Prepares one query DSL clause.
   *
   * @throws QueryException as {@code FilterCompiler.compileDsl} throws it
   */
  public static KqlExplainer dsl(JsonNode query, Schema schema, Clock clock) {
    return new KqlExplainer(ClausePlan.dsl(query, schema, clock));
  }

  /** Explains a KQL query for one event. */
  public static ExplainNode explain(String kql, Schema schema, Event event) {
    return kql(kql, schema, Clock.systemUTC()).explain(event);
  }

  /** Explains a Lucene query string for one event. */
  public static ExplainNode explainLucene(String query, Schema schema, Event event) {
    return lucene(query, schema, Clock.systemUTC()).explain(event);
  }

  /** Explains a rule's {@code filters} for one event. */
  public static ExplainNode explainFilters(List<JsonNode> filters, Schema schema, Event event) {
    return filters(filters, schema, Clock.systemUTC()).explain(event);
  }

  /** Explains one query DSL clause (an exception's, for one) for one event. */
  public static ExplainNode explainDsl(JsonNode query, Schema schema, Event event) {
    return dsl(query, schema, Clock.systemUTC()).explain(event);
  }

  /** The query evaluated on {@code event}, clause by clause. */
  public ExplainNode explain(Event event) {
    requireNonNull(event, "event is null");
    return explain(root, event);
  }

  private static ExplainNode explain(ClausePlan clause, Event event) {
    List<ExplainNode> children = new ArrayList<>(clause.children().size());
    for (ClausePlan child : clause.children()) {
      children.add(explain(child, event));
    }
    List<String> seen = clause.isLeaf() ? seen(clause.fieldValues(event)) : List.of();
    return new ExplainNode(clause.text(), Truth.of(clause.test(event)), seen, children);
  }

  private static List<String> seen(List<ClausePlan.FieldValues> fields) {
    List<String> seen = new ArrayList<>();
    int missing = 0;
    for (ClausePlan.FieldValues field : fields) {
      // A free-text or field-pattern clause reads every field it expands to: list only those the
      // event has, and count the rest.
      if (fields.size() > MAX_FIELDS_LISTED && field.source().isEmpty()) {
        missing++;
        continue;
      }
      seen.add(describe(field));
    }
    if (missing > 0) {
      seen.add(missing + " other fields missing");
    }
    return seen;
  }

  private static String describe(ClausePlan.FieldValues field) {
    if (!field.indexed().isEmpty()) {
      return field.field() + " = " + format(field.indexed());
    }
    if (field.source().isEmpty()) {
      return field.field() + " = missing";
    }
    // Source values the mapping drops (ignore_above, malformed) are a classic reason for a rule
    // not to fire: say so.
    return field.field() + " = [] (not indexed: " + format(field.source()) + ")";
  }

  private static String format(List<Object> values) {
    StringBuilder out = new StringBuilder("[");
    int shown = Math.min(values.size(), MAX_VALUES_SHOWN);
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(values.get(i));
    }
    if (values.size() > shown) {
      out.append(", ... (").append(values.size() - shown).append(" more)");
    }
    return out.append(']').toString();
  }
}

package dev.vigil.kql.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Span;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles rule {@code filters} (Kibana filter objects) and raw Elasticsearch query DSL clauses
 * into {@link EventPredicate}s with Elasticsearch's semantics per field type.
 *
 * <p>Filters follow Kibana's {@code buildEsQuery}/{@code from_filters.ts} (kql-semantics.md §8,
 * engine-semantics.md §1.6): a filter with {@code meta.disabled: true} is dropped; its clause is
 * {@code query} when present, else the object without {@code meta} and {@code $state} (such as
 * {@code {"exists": {"field": …}}}); {@code meta.negate: true} puts it under {@code must_not}; all
 * are AND-ed. The DSL itself is compiled by {@link DslTranslator}. Errors are reported as a {@link
 * QueryException} whose text is the filter's JSON. Stateless.
 */
public final class FilterCompiler {
  private FilterCompiler() {}

  /**
   * Compiles a rule's {@code filters} list.
   *
   * @throws QueryException when a clause is malformed or Elasticsearch would reject it
   */
  public static EventPredicate compile(List<JsonNode> filters, Schema schema) {
    return compile(filters, schema, Clock.systemUTC());
  }

  /** As {@link #compile(List, Schema)}, with the clock date math reads {@code now} from. */
  public static EventPredicate compile(List<JsonNode> filters, Schema schema, Clock clock) {
    List<DocPredicate> clauses = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (JsonNode filter : filters) {
      String json = filter.toString();
      text.append(json).append('\n');
      JsonNode meta = filter.path("meta");
      if (meta.path("disabled").asBoolean(false)) {
        continue;
      }
      JsonNode query = clauseOf(filter, json);
      DocPredicate plan = DslTranslator.translate(json, query, schema, clock);
      clauses.add(meta.path("negate").asBoolean(false) ? new DocPredicate.Not(plan) : plan);
    }
    DocPredicate plan =
        clauses.isEmpty()
            ? DocPredicate.TRUE
            : clauses.size() == 1 ? clauses.get(0) : new DocPredicate.AllOf(clauses);
    return new CompiledQuery("filters", text.toString(), plan);
  }

  /**
   * Compiles one Elasticsearch query DSL clause (as exceptions and threat filters carry them).
   *
   * @throws QueryException when the clause is malformed or Elasticsearch would reject it
   */
  public static EventPredicate compileDsl(JsonNode query, Schema schema) {
    return compileDsl(query, schema, Clock.systemUTC());
  }

  /** As {@link #compileDsl(JsonNode, Schema)}, with the clock date math reads {@code now} from. */
  public static EventPredicate compileDsl(JsonNode query, Schema schema, Clock clock) {
    String json = query.toString();
    return new CompiledQuery("dsl", json, DslTranslator.translate(json, query, schema, clock));
  }

  /** The query clause of a Kibana filter: {@code query}, else the object without its metadata. */
  static JsonNode clauseOf(JsonNode filter, String json) {
    if (!filter.isObject()) {
      throw new QueryException(
          json, new Problem(Span.of(json, 0, json.length()), "a filter must be a JSON object"));
    }
    if (filter.has("query")) {
      return filter.get("query");
    }
    com.fasterxml.jackson.databind.node.ObjectNode clause = filter.deepCopy();
    clause.remove("meta");
    clause.remove("$state");
    return clause;
  }
}

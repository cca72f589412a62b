package dev.vigil.kql.compile;

import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.kql.ast.KqlNode;
import dev.vigil.kql.parser.KqlParser;
import java.time.Clock;

/**
 * Compiles a KQL query into an {@link EventPredicate} that selects exactly the events Elasticsearch
 * would return for the query Kibana's detection engine builds from it, given the field mappings of
 * {@code schema} (kql-semantics.md §1–§4).
 *
 * <p>Stages: {@link KqlParser} (syntax errors), then {@link KqlTranslator}, which makes Kibana's
 * per-field-type choice of Elasticsearch query ({@code kbn-es-query/src/kuery/functions/is.ts},
 * {@code range.ts}, {@code nested.ts}, {@code exists.ts}) and compiles each into the matching
 * Elasticsearch semantics ({@link FieldQueries}). Every query Elasticsearch or Kibana would reject
 * (a value the field type cannot parse, a wildcard on a numeric, ip or date field, {@code null} as
 * a value, nested-group violations) is reported as a {@link QueryException} with the position of
 * the clause, all problems at once. Stateless.
 */
public final class KqlCompiler {
  private KqlCompiler() {}

  /**
   * Compiles {@code kql}; date math relative to {@code now} reads the system UTC clock.
   *
   * @throws QueryException on a syntax error or a query Elasticsearch would reject
   */
  public static EventPredicate compile(String kql, Schema schema) {
    return compile(kql, schema, Clock.systemUTC());
  }

  /** As {@link #compile(String, Schema)}, with the clock {@code now} is read from. */
  public static EventPredicate compile(String kql, Schema schema, Clock clock) {
    KqlNode ast = KqlParser.parse(kql);
    return new CompiledQuery("kql", kql, KqlTranslator.translate(kql, ast, schema, clock));
  }
}

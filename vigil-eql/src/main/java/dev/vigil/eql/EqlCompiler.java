package dev.vigil.eql;

import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.eql.analysis.Analyzer;
import dev.vigil.eql.analysis.Plan;
import dev.vigil.eql.ast.Query;
import dev.vigil.eql.execution.CompiledQuery;
import dev.vigil.eql.parser.EqlParser;

/**
 * The entry point of Vigil's EQL: parses, analyzes against a schema and compiles a query once
 * (parse → {@link Analyzer} → {@link CompiledQuery}), after Elasticsearch's {@code EqlSession}.
 */
public final class EqlCompiler {
  private EqlCompiler() {}

  /**
   * Compiles {@code query}.
   *
   * @throws QueryException for every user error (syntax, unknown fields or functions, type errors),
   *     with all problems found and their spans
   */
  public static CompiledEql compile(String query, Schema schema, EqlSettings settings) {
    Query parsed = EqlParser.parse(query);
    Plan plan = Analyzer.analyze(query, parsed, schema, settings);
    return CompiledQuery.compile(plan, schema, settings);
  }
}

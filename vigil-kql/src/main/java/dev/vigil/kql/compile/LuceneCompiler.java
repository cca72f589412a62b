package dev.vigil.kql.compile;

import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.kql.lucene.LuceneParser;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Compiles a Lucene query string ({@code language = "lucene"}) into an {@link EventPredicate} with
 * the semantics of the {@code query_string} query Kibana sends for it (kql-semantics.md §7, Kibana
 * {@code es_query/from_lucene.ts}): no explicit fields, so {@code index.query.default_field}
 * ({@code *}, lenient), default operator OR, {@code analyze_wildcard: true} from the detection
 * engine's {@code queryStringOptions}, leading wildcards allowed, dates without an offset in UTC.
 * Stateless.
 */
public final class LuceneCompiler {
  private LuceneCompiler() {}

  /**
   * Compiles {@code query}.
   *
   * @throws QueryException on a syntax error or a query Elasticsearch would reject
   */
  public static EventPredicate compile(String query, Schema schema) {
    return compile(query, schema, Clock.systemUTC());
  }

  /** As {@link #compile(String, Schema)}, with the clock date math reads {@code now} from. */
  public static EventPredicate compile(String query, Schema schema, Clock clock) {
    LuceneParser.parse(query); // syntax errors first, with the parser's own messages
    LuceneTranslator.Options options =
        new LuceneTranslator.Options(List.of(), true, false, false, ZoneId.of("UTC"));
    return new CompiledQuery(
        "lucene",
        query,
        LuceneTranslator.translate(query, schema, clock, Optional.empty(), options));
  }
}

/**
 * Analysis and compilation of KQL, Lucene query strings and rule filters (Elasticsearch query DSL
 * and Kibana filter objects) into {@link dev.vigil.core.match.EventPredicate}s with the results
 * Elasticsearch would return for the query Kibana builds (kql-semantics.md, engine-semantics.md
 * §1.6).
 *
 * <p>Entry points: {@link dev.vigil.kql.compile.KqlCompiler}, {@link
 * dev.vigil.kql.compile.LuceneCompiler}, {@link dev.vigil.kql.compile.FilterCompiler}. Each
 * language has a translator that makes Kibana's choices (which Elasticsearch query per field type,
 * nested checks, field-name expansion) and reports every query Kibana or Elasticsearch would reject
 * as a {@link dev.vigil.core.source.QueryException} with positions; all three share {@code
 * FieldQueries}, the per-field-type semantics of Elasticsearch's term, match, match_phrase,
 * wildcard, exists and range queries. The result is a tree of immutable {@code DocPredicate}
 * records evaluated against the event (or one nested object) with no parsing per event.
 */
package dev.vigil.kql.compile;

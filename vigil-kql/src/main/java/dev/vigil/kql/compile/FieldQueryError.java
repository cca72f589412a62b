package dev.vigil.kql.compile;

/**
 * Elasticsearch (or Kibana) would reject the query built for one field: a value the field type
 * cannot parse, a wildcard on a numeric field, and so on (kql-semantics.md §4.13). Thrown while
 * compiling a leaf; the language compilers catch it, attach the position of the clause and report a
 * {@link dev.vigil.core.source.QueryException}, or skip the field where the query is lenient.
 */
final class FieldQueryError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FieldQueryError(String message) {
    super(message, null, false, false);
  }
}

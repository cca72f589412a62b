package dev.vigil.eql.ast;

import java.util.List;

/**
 * A pipe after the query. Elasticsearch EQL supports only {@code head} and {@code tail}; the Python
 * EQL pipes ({@code count}, {@code filter}, {@code sort}, {@code unique}, {@code unique_count}) are
 * rejected by the parser.
 */
public sealed interface Pipe extends Node permits HeadPipe, TailPipe {

  /** How many events or sequences the pipe keeps; never negative. */
  int count();

  @Override
  default List<? extends Node> children() {
    return List.of();
  }
}

package dev.vigil.eql.ast;

import java.util.List;

/**
 * A whole EQL statement: an event query, a sequence or a sample, followed by its pipes.
 * Elasticsearch's grammar is {@code statement : query pipe*} (elastic/elasticsearch,
 * x-pack/plugin/eql/src/main/antlr/EqlBase.g4).
 */
public sealed interface Query extends Node permits EventQuery, SequenceQuery, SampleQuery {

  /** The {@code | head N} / {@code | tail N} pipes, in the order written. */
  List<Pipe> pipes();
}

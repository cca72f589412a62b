package dev.vigil.eql.ast;

import dev.vigil.core.source.Span;
import java.util.List;

/**
 * A node of the EQL syntax tree: it knows where it came from in the query text and how to draw
 * itself for golden tests. Implementations are immutable records.
 */
public sealed interface Node
    permits Query, Expression, Pipe, EventFilter, SequenceStage, SampleStage {

  /** Where this node was written in the query text. */
  Span span();

  /** One line describing this node without its children, e.g. {@code Comparison[==]}. */
  String label();

  /** The nodes drawn below this one by {@link #treeString()}, in source order. */
  List<? extends Node> children();

  /**
   * A deterministic multi-line drawing of this subtree: one node per line, children indented below
   * their parent (the style of Elasticsearch's {@code Node.treeString()}).
   */
  default String treeString() {
    StringBuilder out = new StringBuilder();
    TreeRenderer.render(this, out);
    return out.toString();
  }
}

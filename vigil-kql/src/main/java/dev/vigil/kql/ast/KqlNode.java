package dev.vigil.kql.ast;

import dev.vigil.core.source.Span;

/**
 * A node of a parsed KQL query. Later stages switch over the permitted records exhaustively, with
 * no {@code default} branch, so that adding a node type breaks every stage that does not handle it.
 */
public sealed interface KqlNode permits Or, And, Not, Nested, Range, Is, FreeText, MatchAll {

  /** The text this node was parsed from, including parentheses written directly around it. */
  Span span();

  /** This node with another span and the same children; used to widen a span over parentheses. */
  KqlNode withSpan(Span span);

  /** Calls the visitor method for this node's type. */
  <R> R accept(KqlVisitor<R> visitor);
}

package dev.vigil.kql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/**
 * An empty or whitespace-only query, which matches every document (Kibana's start rule returns
 * {@code is('*', '*')} for it). {@code *:*} is not this node: it parses as an {@link Is} with two
 * lone wildcards, as in Kibana.
 */
public record MatchAll(Span span) implements KqlNode {

  public MatchAll {
    requireNonNull(span, "span is null");
  }

  @Override
  public MatchAll withSpan(Span span) {
    return new MatchAll(span);
  }

  @Override
  public <R> R accept(KqlVisitor<R> visitor) {
    return visitor.visitMatchAll(this);
  }

  @Override
  public String toString() {
    return KqlTreeRenderer.render(this);
  }
}

package dev.vigil.kql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/** {@code not x}: true when the child is false. */
public record Not(KqlNode child, Span span) implements KqlNode {

  public Not {
    requireNonNull(child, "child is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public Not withSpan(Span span) {
    return new Not(child, span);
  }

  @Override
  public <R> R accept(KqlVisitor<R> visitor) {
    return visitor.visitNot(this);
  }

  @Override
  public String toString() {
    return KqlTreeRenderer.render(this);
  }
}

package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/** {@code true} or {@code false}. */
public record BooleanLiteral(boolean value, Span span) implements Literal {

  public BooleanLiteral {
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "BooleanLiteral[" + value + "]";
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitBoolean(this);
  }
}

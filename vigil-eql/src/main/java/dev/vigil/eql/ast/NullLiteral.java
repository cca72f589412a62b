package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/** {@code null}. */
public record NullLiteral(Span span) implements Literal {

  public NullLiteral {
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "NullLiteral";
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitNull(this);
  }
}

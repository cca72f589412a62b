package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/**
 * A number with a fraction or an exponent ({@code 1.5}, {@code .5}, {@code 2e10}), or an integer
 * too large for an unsigned long; always a finite, non-negative {@code double}.
 */
public record DecimalLiteral(double value, Span span) implements Literal {

  public DecimalLiteral {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException("not a finite non-negative number: " + value);
    }
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "DecimalLiteral[" + value + "]";
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitDecimal(this);
  }
}

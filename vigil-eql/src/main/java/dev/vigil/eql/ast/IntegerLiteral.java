package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/**
 * An integer written without sign, fraction or exponent, in the {@code long} range. (A leading
 * minus is a {@link Negate}.) Elasticsearch types it {@code integer} when it fits 32 bits, else
 * {@code long}; {@link #fitsInt()} tells which.
 */
public record IntegerLiteral(long value, Span span) implements Literal {

  public IntegerLiteral {
    if (value < 0) {
      throw new IllegalArgumentException("an integer literal is never negative: " + value);
    }
    requireNonNull(span, "span is null");
  }

  /** Whether Elasticsearch would type this literal {@code integer} rather than {@code long}. */
  public boolean fitsInt() {
    return value <= Integer.MAX_VALUE;
  }

  @Override
  public String label() {
    return "IntegerLiteral[" + value + "]";
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitInteger(this);
  }
}

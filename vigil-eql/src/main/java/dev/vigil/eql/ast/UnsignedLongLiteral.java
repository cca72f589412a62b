package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.math.BigInteger;

/**
 * An integer above {@link Long#MAX_VALUE} and at most 2<sup>64</sup>-1. Elasticsearch's {@code
 * StringUtils.parseIntegral} (x-pack/plugin/ql) types such literals {@code unsigned_long}; larger
 * integers quietly become {@link DecimalLiteral}s.
 */
public record UnsignedLongLiteral(BigInteger value, Span span) implements Literal {

  /** 2<sup>64</sup>-1, the largest unsigned long. */
  public static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  public UnsignedLongLiteral {
    requireNonNull(value, "value is null");
    if (value.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) <= 0 || value.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("not in the unsigned-only range: " + value);
    }
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "UnsignedLongLiteral[" + value + "]";
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitUnsignedLong(this);
  }
}

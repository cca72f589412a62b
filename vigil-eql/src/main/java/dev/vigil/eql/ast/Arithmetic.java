package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/** {@code left <op> right} for {@code + - * / %}; left-associative. */
public record Arithmetic(ArithmeticOperator operator, Expression left, Expression right, Span span)
    implements Expression {

  public Arithmetic {
    requireNonNull(operator, "operator is null");
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "Arithmetic[" + operator.symbol() + "]";
  }

  @Override
  public List<? extends Node> children() {
    return List.of(left, right);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitArithmetic(this);
  }
}

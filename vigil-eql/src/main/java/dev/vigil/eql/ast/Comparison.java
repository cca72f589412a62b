package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/**
 * {@code left <op> right}. Comparisons do not chain: {@code a < b < c} is a syntax error, as in
 * Elasticsearch's {@code valueExpression} rule.
 */
public record Comparison(ComparisonOperator operator, Expression left, Expression right, Span span)
    implements Expression {

  public Comparison {
    requireNonNull(operator, "operator is null");
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "Comparison[" + operator.symbol() + "]";
  }

  @Override
  public List<? extends Node> children() {
    return List.of(left, right);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitComparison(this);
  }
}

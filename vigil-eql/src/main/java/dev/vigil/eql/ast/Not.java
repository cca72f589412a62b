package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/** {@code not operand}: binds looser than comparisons and tighter than {@code and}. */
public record Not(Expression operand, Span span) implements Expression {

  public Not {
    requireNonNull(operand, "operand is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "Not";
  }

  @Override
  public List<? extends Node> children() {
    return List.of(operand);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitNot(this);
  }
}

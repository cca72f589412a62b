package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/** Unary minus, {@code -operand}. (Unary plus is dropped by the parser, as Elasticsearch does.) */
public record Negate(Expression operand, Span span) implements Expression {

  public Negate {
    requireNonNull(operand, "operand is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "Negate";
  }

  @Override
  public List<? extends Node> children() {
    return List.of(operand);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitNegate(this);
  }
}

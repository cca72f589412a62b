package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/**
 * {@code a or b or …}: the loosest operator.
 *
 * <p>N-ary rather than binary: the parser gathers a chain of the same operator into one node, so a
 * rule with hundreds of {@code or} terms stays a shallow tree. A parenthesized operand stays
 * nested.
 */
public record Or(List<Expression> operands, Span span) implements Expression {

  public Or {
    operands = List.copyOf(requireNonNull(operands, "operands is null"));
    if (operands.size() < 2) {
      throw new IllegalArgumentException("or needs at least two operands");
    }
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "Or";
  }

  @Override
  public List<? extends Node> children() {
    return operands;
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitOr(this);
  }
}

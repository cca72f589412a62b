package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code value [not] in[~] (e1, e2, …)}: exact membership, no wildcards. Unlike the pattern
 * operators, the list holds arbitrary expressions.
 *
 * @param caseInsensitive written {@code in~}
 * @param negated written {@code not in} / {@code not in~}
 */
public record InList(
    Expression value, List<Expression> list, boolean caseInsensitive, boolean negated, Span span)
    implements Expression {

  public InList {
    requireNonNull(value, "value is null");
    list = List.copyOf(requireNonNull(list, "list is null"));
    if (list.isEmpty()) {
      throw new IllegalArgumentException("an in list is never empty");
    }
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "InList[" + (negated ? "not " : "") + (caseInsensitive ? "in~" : "in") + "]";
  }

  @Override
  public List<? extends Node> children() {
    List<Node> children = new ArrayList<>(list.size() + 1);
    children.add(value);
    children.addAll(list);
    return children;
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitIn(this);
  }
}

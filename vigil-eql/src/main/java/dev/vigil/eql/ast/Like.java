package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code value like[~] pattern} or a parenthesized pattern list: wildcard matching ({@code *} and
 * {@code ?}).
 *
 * @param patterns one literal, or several from a parenthesized list (any one may match)
 * @param caseInsensitive written {@code like~}
 */
public record Like(Expression value, List<Literal> patterns, boolean caseInsensitive, Span span)
    implements Expression {

  public Like {
    requireNonNull(value, "value is null");
    patterns = List.copyOf(requireNonNull(patterns, "patterns is null"));
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("patterns is empty");
    }
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "Like[like" + (caseInsensitive ? "~" : "") + "]";
  }

  @Override
  public List<? extends Node> children() {
    List<Node> children = new ArrayList<>(patterns.size() + 1);
    children.add(value);
    children.addAll(patterns);
    return children;
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitLike(this);
  }
}

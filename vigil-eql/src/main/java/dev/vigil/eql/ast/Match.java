package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code value : pattern} or {@code value : (p1, p2, …)}: case-insensitive equality where {@code *}
 * and {@code ?} in string patterns are wildcards (Elasticsearch builds {@code
 * InsensitiveWildcardEquals}).
 *
 * @param patterns one literal, or several from a parenthesized list (any one may match)
 */
public record Match(Expression value, List<Literal> patterns, Span span) implements Expression {

  public Match {
    requireNonNull(value, "value is null");
    patterns = List.copyOf(requireNonNull(patterns, "patterns is null"));
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("patterns is empty");
    }
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "Match[:]";
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
    return visitor.visitMatch(this);
  }
}

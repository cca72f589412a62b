package dev.vigil.kql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/**
 * {@code a and b and c}: true when every child is true. N-ary, as Kibana's {@code and} function
 * node; at least two children.
 */
public record And(List<KqlNode> children, Span span) implements KqlNode {

  public And {
    requireNonNull(children, "children is null");
    requireNonNull(span, "span is null");
    children = List.copyOf(children);
    if (children.size() < 2) {
      throw new IllegalArgumentException("an and needs at least two children: " + children);
    }
  }

  @Override
  public And withSpan(Span span) {
    return new And(children, span);
  }

  @Override
  public <R> R accept(KqlVisitor<R> visitor) {
    return visitor.visitAnd(this);
  }

  @Override
  public String toString() {
    return KqlTreeRenderer.render(this);
  }
}

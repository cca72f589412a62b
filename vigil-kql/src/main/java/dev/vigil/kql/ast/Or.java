package dev.vigil.kql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/**
 * {@code a or b or c}: true when any child is true. N-ary, as Kibana's {@code or} function node; at
 * least two children.
 */
public record Or(List<KqlNode> children, Span span) implements KqlNode {

  public Or {
    requireNonNull(children, "children is null");
    requireNonNull(span, "span is null");
    children = List.copyOf(children);
    if (children.size() < 2) {
      throw new IllegalArgumentException("an or needs at least two children: " + children);
    }
  }

  @Override
  public Or withSpan(Span span) {
    return new Or(children, span);
  }

  @Override
  public <R> R accept(KqlVisitor<R> visitor) {
    return visitor.visitOr(this);
  }

  @Override
  public String toString() {
    return KqlTreeRenderer.render(this);
  }
}

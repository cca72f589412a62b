package dev.vigil.kql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/**
 * {@code field:value}, Kibana's {@code is} function: equality, a wildcard pattern, or (when the
 * value is a lone {@code *}) an exists test. A value list {@code f:(a or b)} yields one {@code Is}
 * per value, each with the span of its value; a single value yields a span from the field to the
 * value.
 */
public record Is(Literal field, Literal value, Span span) implements KqlNode {

  public Is {
    requireNonNull(field, "field is null");
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public Is withSpan(Span span) {
    return new Is(field, value, span);
  }

  @Override
  public <R> R accept(KqlVisitor<R> visitor) {
    return visitor.visitIs(this);
  }

  @Override
  public String toString() {
    return KqlTreeRenderer.render(this);
  }
}

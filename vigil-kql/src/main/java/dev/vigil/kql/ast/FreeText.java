package dev.vigil.kql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/**
 * A value with no field, e.g. {@code whoami} in {@code process.name:bash or whoami}: Kibana's
 * {@code is} function with a null field, searched over the default fields (kql-semantics.md §3.7).
 */
public record FreeText(Literal value, Span span) implements KqlNode {

  public FreeText {
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public FreeText withSpan(Span span) {
    return new FreeText(value, span);
  }

  @Override
  public <R> R accept(KqlVisitor<R> visitor) {
    return visitor.visitFreeText(this);
  }

  @Override
  public String toString() {
    return KqlTreeRenderer.render(this);
  }
}

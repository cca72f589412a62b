package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/** {@code any where …}: matches events of every category, and events with no category field. */
public record AnyCategory(Span span) implements EventCategory {

  public AnyCategory {
    requireNonNull(span, "span is null");
  }

  @Override
  public String toString() {
    return "any";
  }
}

package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/**
 * {@code process where …} or {@code "process" where …}: the category value, unquoted and unescaped.
 */
public record NamedCategory(String name, Span span) implements EventCategory {

  public NamedCategory {
    requireNonNull(name, "name is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public String toString() {
    return name;
  }
}

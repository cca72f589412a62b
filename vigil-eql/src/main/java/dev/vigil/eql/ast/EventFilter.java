package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/** {@code <category> where <condition>}: the body of an event query and of every stage. */
public record EventFilter(EventCategory category, Expression condition, Span span) implements Node {

  public EventFilter {
    requireNonNull(category, "category is null");
    requireNonNull(condition, "condition is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "EventFilter[" + category + "]";
  }

  @Override
  public List<? extends Node> children() {
    return List.of(condition);
  }
}

package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.ArrayList;
import java.util.List;

/** A single-event query: {@code process where … | head 5}. */
public record EventQuery(EventFilter filter, List<Pipe> pipes, Span span) implements Query {

  public EventQuery {
    requireNonNull(filter, "filter is null");
    pipes = List.copyOf(requireNonNull(pipes, "pipes is null"));
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return "EventQuery";
  }

  @Override
  public List<? extends Node> children() {
    List<Node> children = new ArrayList<>();
    children.add(filter);
    children.addAll(pipes);
    return children;
  }
}

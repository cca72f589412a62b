package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sample [by keys] [filter] [by …] [filter] … | pipes}: groups of events sharing join-key
 * values, in any order, with no time constraint.
 *
 * @param keys the sample-wide join keys ({@code sample by …}), shared by every filter
 */
public record SampleQuery(
    List<FieldRef> keys, List<SampleStage> stages, List<Pipe> pipes, Span span) implements Query {

  public SampleQuery {
    keys = List.copyOf(requireNonNull(keys, "keys is null"));
    stages = List.copyOf(requireNonNull(stages, "stages is null"));
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a sample needs at least one filter");
    }
    pipes = List.copyOf(requireNonNull(pipes, "pipes is null"));
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return keys.isEmpty() ? "SampleQuery" : "SampleQuery[by=" + Keys.render(keys) + "]";
  }

  @Override
  public List<? extends Node> children() {
    List<Node> children = new ArrayList<>(stages);
    children.addAll(pipes);
    return children;
  }
}

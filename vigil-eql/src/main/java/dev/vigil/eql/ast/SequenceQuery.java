package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sequence [by keys] [with maxspan=…] stage… [until stage] | pipes}.
 *
 * @param keys the sequence-wide join keys ({@code sequence by …}), shared by every stage
 * @param stages the ordered stages, at least one (the parser enforces the at-least-two-events rule,
 *     counting {@code runs})
 * @param until the optional {@code until} stage
 */
public record SequenceQuery(
    List<FieldRef> keys,
    Optional<MaxSpan> maxSpan,
    List<SequenceStage> stages,
    Optional<SequenceStage> until,
    List<Pipe> pipes,
    Span span)
    implements Query {

  public SequenceQuery {
    keys = List.copyOf(requireNonNull(keys, "keys is null"));
    requireNonNull(maxSpan, "maxSpan is null");
    stages = List.copyOf(requireNonNull(stages, "stages is null"));
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a sequence needs at least one stage");
    }
    for (SequenceStage stage : stages) {
      if (stage.until()) {
        throw new IllegalArgumentException("an until stage is not a regular stage: " + stage);
      }
    }
    requireNonNull(until, "until is null");
    if (until.isPresent() && !until.get().until()) {
      throw new IllegalArgumentException("the until stage is not marked as until");
    }
    pipes = List.copyOf(requireNonNull(pipes, "pipes is null"));
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    List<String> attributes = new ArrayList<>();
    if (!keys.isEmpty()) {
      attributes.add("by=" + Keys.render(keys));
    }
    maxSpan.ifPresent(value -> attributes.add("maxspan=" + value));
    return attributes.isEmpty() ? "SequenceQuery" : "SequenceQuery" + attributes;
  }

  @Override
  public List<? extends Node> children() {
    List<Node> children = new ArrayList<>(stages);
    until.ifPresent(children::add);
    children.addAll(pipes);
    return children;
  }
}

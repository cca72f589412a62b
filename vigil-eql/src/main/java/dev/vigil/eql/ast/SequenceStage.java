package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * One stage of a sequence: {@code [filter] by k1, k2 with runs=N}, or a missing-event stage {@code
 * ![filter]}, or the {@code until [filter]} terminator.
 *
 * @param keys the stage's own join keys; the sequence-wide {@code by} keys are kept on {@link
 *     SequenceQuery} and come before these
 * @param missing written {@code ![ … ]}: the sequence matches only if no such event occurs
 * @param runs how many consecutive events this stage matches ({@code with runs=N}); 1 if absent
 * @param until this is the {@code until} stage that ends pending sequences
 */
public record SequenceStage(
    EventFilter filter, List<FieldRef> keys, boolean missing, int runs, boolean until, Span span)
    implements Node {

  public SequenceStage {
    requireNonNull(filter, "filter is null");
    keys = List.copyOf(requireNonNull(keys, "keys is null"));
    if (runs < 1) {
      throw new IllegalArgumentException("runs is not positive: " + runs);
    }
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    List<String> attributes = new ArrayList<>();
    if (missing) {
      attributes.add("missing");
    }
    if (!keys.isEmpty()) {
      attributes.add("by=" + Keys.render(keys));
    }
    if (runs != 1) {
      attributes.add("runs=" + runs);
    }
    String name = until ? "Until" : "Stage";
    return attributes.isEmpty() ? name : name + attributes;
  }

  @Override
  public List<? extends Node> children() {
    return List.of(filter);
  }
}

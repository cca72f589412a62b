package dev.vigil.eql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/**
 * One filter of a sample: {@code [filter] by k1, k2}.
 *
 * @param keys the filter's own join keys; the sample-wide {@code by} keys are kept on {@link
 *     SampleQuery} and come before these
 */
public record SampleStage(EventFilter filter, List<FieldRef> keys, Span span) implements Node {

  public SampleStage {
    requireNonNull(filter, "filter is null");
    keys = List.copyOf(requireNonNull(keys, "keys is null"));
    requireNonNull(span, "span is null");
  }

  @Override
  public String label() {
    return keys.isEmpty() ? "Filter" : "Filter[by=" + Keys.render(keys) + "]";
  }

  @Override
  public List<? extends Node> children() {
    return List.of(filter);
  }
}

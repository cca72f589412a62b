package dev.vigil.kql.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.Optional;

/**
 * A range: {@code [a TO b]} (inclusive), {@code {a TO b}} (exclusive), mixed brackets, {@code *}
 * for an open end, or Elasticsearch's one-sided {@code >a}, {@code >=a}, {@code <a}, {@code <=a}.
 * Bounds are unescaped; an empty bound is open.
 */
public record LuceneRange(
    Optional<String> lower,
    Optional<String> upper,
    boolean lowerInclusive,
    boolean upperInclusive,
    Optional<String> boost,
    Span span)
    implements LuceneNode {

  public LuceneRange {
    requireNonNull(lower, "lower is null");
    requireNonNull(upper, "upper is null");
    requireNonNull(boost, "boost is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public <R> R accept(LuceneVisitor<R> visitor) {
    return visitor.visitRange(this);
  }

  @Override
  public String toString() {
    return LuceneTreeRenderer.render(this);
  }
}

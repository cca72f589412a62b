package dev.vigil.kql.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.Optional;

/** {@code ( query )} with an optional boost {@code ^2}. */
public record LuceneGroup(LuceneQuery query, Optional<String> boost, Span span)
    implements LuceneNode {

  public LuceneGroup {
    requireNonNull(query, "query is null");
    requireNonNull(boost, "boost is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public <R> R accept(LuceneVisitor<R> visitor) {
    return visitor.visitGroup(this);
  }

  @Override
  public String toString() {
    return LuceneTreeRenderer.render(this);
  }
}

package dev.vigil.kql.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.Optional;

/** {@code /regex/}: the pattern between the slashes, as written (Lucene RegExp syntax). */
public record LuceneRegexp(String pattern, Optional<String> boost, Span span)
    implements LuceneNode {

  public LuceneRegexp {
    requireNonNull(pattern, "pattern is null");
    requireNonNull(boost, "boost is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public <R> R accept(LuceneVisitor<R> visitor) {
    return visitor.visitRegexp(this);
  }

  @Override
  public String toString() {
    return LuceneTreeRenderer.render(this);
  }
}

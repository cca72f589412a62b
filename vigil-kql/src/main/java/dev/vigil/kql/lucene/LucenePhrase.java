package dev.vigil.kql.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.Optional;

/** {@code "quoted phrase"}, its text unescaped, with optional proximity slop and boost. */
public record LucenePhrase(String text, Optional<String> slop, Optional<String> boost, Span span)
    implements LuceneNode {

  public LucenePhrase {
    requireNonNull(text, "text is null");
    requireNonNull(slop, "slop is null");
    requireNonNull(boost, "boost is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public <R> R accept(LuceneVisitor<R> visitor) {
    return visitor.visitPhrase(this);
  }

  @Override
  public String toString() {
    return LuceneTreeRenderer.render(this);
  }
}

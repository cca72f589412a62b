package dev.vigil.kql.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;

/**
 * {@code _exists_:field}: Elasticsearch's {@code QueryStringQueryParser} turns a term on the
 * pseudo-field {@code _exists_} into an exists query on the field the term names.
 */
public record LuceneExists(String field, Span span) implements LuceneNode {

  public LuceneExists {
    requireNonNull(field, "field is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public <R> R accept(LuceneVisitor<R> visitor) {
    return visitor.visitExists(this);
  }

  @Override
  public String toString() {
    return LuceneTreeRenderer.render(this);
  }
}

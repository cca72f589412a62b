package dev.vigil.kql.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/** A sequence of clauses: a whole query string, or the inside of parentheses. */
public record LuceneQuery(List<LuceneClause> clauses, Span span) implements LuceneNode {

  public LuceneQuery {
    requireNonNull(clauses, "clauses is null");
    requireNonNull(span, "span is null");
    clauses = List.copyOf(clauses);
  }

  @Override
  public <R> R accept(LuceneVisitor<R> visitor) {
    return visitor.visitQuery(this);
  }

  @Override
  public String toString() {
    return LuceneTreeRenderer.render(this);
  }
}

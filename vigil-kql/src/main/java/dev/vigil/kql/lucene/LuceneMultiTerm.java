package dev.vigil.kql.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.List;

/**
 * Two or more plain terms in a row with no operator or field between them, e.g. {@code start or
 * process_started} (lower-case {@code or} is a term). Lucene's grammar parses these as one {@code
 * MultiTerm}: with {@code splitOnWhitespace} off, as Elasticsearch's {@code query_string} runs it,
 * the unescaped texts are analysed together as one string; with it on they are separate clauses.
 */
public record LuceneMultiTerm(List<String> terms, Span span) implements LuceneNode {

  public LuceneMultiTerm {
    requireNonNull(terms, "terms is null");
    requireNonNull(span, "span is null");
    terms = List.copyOf(terms);
    if (terms.size() < 2) {
      throw new IllegalArgumentException("a multi-term has at least two terms: " + terms);
    }
  }

  @Override
  public <R> R accept(LuceneVisitor<R> visitor) {
    return visitor.visitMultiTerm(this);
  }

  @Override
  public String toString() {
    return LuceneTreeRenderer.render(this);
  }
}

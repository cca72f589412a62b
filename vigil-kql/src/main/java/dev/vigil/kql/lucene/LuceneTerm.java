package dev.vigil.kql.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.Optional;

/**
 * A bare term. {@code image} is the token exactly as written (escapes kept, as Lucene passes it to
 * wildcard queries, where {@code \*} stays a literal asterisk); {@code text} is the image with
 * escapes removed (Lucene {@code discardEscapeChar}), as used for plain, prefix and fuzzy terms.
 */
public record LuceneTerm(
    Kind kind,
    String image,
    String text,
    Optional<String> fuzzySlop,
    Optional<String> boost,
    Span span)
    implements LuceneNode {

  /** Which token the term was: the classic parser treats each differently. */
  public enum Kind {
    /** A plain term ({@code TERM}); may be a one-sided range like {@code >=5} for Elasticsearch. */
    PLAIN,
    /** {@code *} alone ({@code STAR}). */
    STAR,
    /** A term ending with its only unescaped wildcard, {@code abc*} ({@code PREFIXTERM}). */
    PREFIX,
    /** A term with unescaped {@code *} or {@code ?} anywhere ({@code WILDTERM}). */
    WILDCARD,
    /** {@code + }, {@code - } or {@code ! } followed by whitespace, searched as a term. */
    BARE_OPERATOR
  }

  public LuceneTerm {
    requireNonNull(kind, "kind is null");
    requireNonNull(image, "image is null");
    requireNonNull(text, "text is null");
    requireNonNull(fuzzySlop, "fuzzySlop is null");
    requireNonNull(boost, "boost is null");
    requireNonNull(span, "span is null");
  }

  @Override
  public <R> R accept(LuceneVisitor<R> visitor) {
    return visitor.visitTerm(this);
  }

  @Override
  public String toString() {
    return LuceneTreeRenderer.render(this);
  }
}

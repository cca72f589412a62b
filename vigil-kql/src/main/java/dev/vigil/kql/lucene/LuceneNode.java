package dev.vigil.kql.lucene;

import dev.vigil.core.source.Span;

/**
 * A node of a parsed Lucene query string. Dispatch with {@link #accept(LuceneVisitor)}, exhaustive
 * by construction.
 */
public sealed interface LuceneNode
    permits LuceneQuery,
        LuceneGroup,
        LuceneTerm,
        LuceneMultiTerm,
        LucenePhrase,
        LuceneRange,
        LuceneRegexp,
        LuceneExists {

  /** The text this node was parsed from. */
  Span span();

  /** Calls the visitor method for this node's type. */
  <R> R accept(LuceneVisitor<R> visitor);
}

package dev.vigil.kql.lucene;

/**
 * Double dispatch over {@link LuceneNode}: one method per node type, so a new type breaks every
 * visitor until handled.
 *
 * @param <R> what each visit returns
 */
public interface LuceneVisitor<R> {
  R visitQuery(LuceneQuery node);

  R visitGroup(LuceneGroup node);

  R visitTerm(LuceneTerm node);

  R visitMultiTerm(LuceneMultiTerm node);

  R visitPhrase(LucenePhrase node);

  R visitRange(LuceneRange node);

  R visitRegexp(LuceneRegexp node);

  R visitExists(LuceneExists node);
}

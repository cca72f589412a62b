package dev.vigil.kql.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.Optional;

/**
 * One clause of a {@link LuceneQuery}: {@code [conjunction] [modifier] [field:] query}. The field,
 * when present, is unescaped and applies to the clause's query (for a group, it becomes the default
 * field inside it).
 */
public record LuceneClause(
    Conjunction conjunction,
    Modifier modifier,
    Optional<String> field,
    LuceneNode query,
    Span span) {

  /** The operator written before the clause. */
  public enum Conjunction {
    NONE,
    AND,
    OR
  }

  /** The prefix operator of the clause: {@code +} required, {@code -}, {@code NOT} or {@code !}. */
  public enum Modifier {
    NONE,
    REQUIRED,
    PROHIBITED
  }

  public LuceneClause {
    requireNonNull(conjunction, "conjunction is null");
    requireNonNull(modifier, "modifier is null");
    requireNonNull(field, "field is null");
    requireNonNull(query, "query is null");
    requireNonNull(span, "span is null");
  }
}

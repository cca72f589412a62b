package dev.vigil.kql.compile;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.value.CaseFolding;
import java.util.function.Predicate;

/**
 * A compiled test of one indexed value (the output of {@link dev.vigil.core.value.Coercion} for the
 * field's type). Built once per query clause; holds only immutable, precomputed state (parsed
 * numbers, folded strings, compiled matchers, query tokens).
 */
interface ValueTest {

  boolean test(Object indexed);

  /** A test with a description for plan rendering. */
  static ValueTest of(String description, Predicate<Object> predicate) {
    return new Described(description, predicate);
  }

  /** A test with its rendering. */
  record Described(String description, Predicate<Object> predicate) implements ValueTest {
    public Described {
      requireNonNull(description, "description is null");
      requireNonNull(predicate, "predicate is null");
    }

    @Override
    public boolean test(Object indexed) {
      return predicate.test(indexed);
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /**
   * An exact term on a keyword-like field: the indexed value equals {@code term} (already
   * normalized), or with {@code caseInsensitive} equals it once both are case-folded. A type of its
   * own so that {@link DocPredicate.FieldMatch#requirement()} can route on the term.
   */
  final class Term implements ValueTest {
    private final String term;
    private final boolean caseInsensitive;
    private final String folded;

    Term(String term, boolean caseInsensitive) {
      this.term = requireNonNull(term, "term is null");
      this.caseInsensitive = caseInsensitive;
      this.folded = CaseFolding.lower(term);
    }

    String term() {
      return term;
    }

    @Override
    public boolean test(Object indexed) {
      return caseInsensitive
          ? CaseFolding.lower((String) indexed).equals(folded)
          : term.equals(indexed);
    }

    @Override
    public String toString() {
      return (caseInsensitive ? "term~[" : "term[") + term + "]";
    }
  }
}

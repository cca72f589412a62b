package dev.vigil.kql.compile;

import static java.util.Objects.requireNonNull;

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
}

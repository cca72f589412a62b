package dev.vigil.kql.compile;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.match.StringMatcher;
import dev.vigil.core.match.WildcardPattern;
import dev.vigil.core.value.CaseFolding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
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

  /**
   * A wildcard pattern matched against the whole indexed value of a keyword-like field ({@code
   * pattern} already normalized as the field's normalizer would). A type of its own so that {@link
   * DocPredicate.FieldMatch#requirement()} can route on the pattern's literal part.
   */
  final class Wildcard implements ValueTest {
    private final WildcardPattern pattern;
    private final boolean caseInsensitive;
    private final StringMatcher matcher;

    Wildcard(WildcardPattern pattern, boolean caseInsensitive) {
      this.pattern = requireNonNull(pattern, "pattern is null");
      this.caseInsensitive = caseInsensitive;
      this.matcher = pattern.compile(caseInsensitive);
    }

    WildcardPattern pattern() {
      return pattern;
    }

    @Override
    public boolean test(Object indexed) {
      return matcher.matches((String) indexed);
    }

    @Override
    public String toString() {
      return "wildcard" + (caseInsensitive ? "~" : "") + "[" + pattern + "]";
    }
  }

  /**
   * Any of several tests of one field's value: the {@code or} of leaf queries on the same field
   * ({@code process.args:(a or b or c*)}), so that the field is read and its values coerced once,
   * not once per test, and the exact terms are one hash lookup.
   */
  final class AnyOf implements ValueTest {
    private final Set<String> terms;
    private final Set<String> foldedTerms;
    private final List<ValueTest> others;
    private final List<ValueTest> tests;

    AnyOf(List<ValueTest> tests) {
      Set<String> exact = new HashSet<>();
      Set<String> folded = new HashSet<>();
      List<ValueTest> rest = new ArrayList<>();
      for (ValueTest test : tests) {
        if (test instanceof Term term) {
          (term.caseInsensitive ? folded : exact)
              .add(term.caseInsensitive ? term.folded : term.term);
        } else {
          rest.add(test);
        }
      }
      this.terms = Set.copyOf(exact);
      this.foldedTerms = Set.copyOf(folded);
      this.others = List.copyOf(rest);
      this.tests = List.copyOf(tests);
    }

    /** The tests, in query order. */
    List<ValueTest> tests() {
      return tests;
    }

    @Override
    public boolean test(Object indexed) {
      if (terms.contains(indexed)) {
        return true;
      }
      if (!foldedTerms.isEmpty()
          && indexed instanceof String text
          && foldedTerms.contains(CaseFolding.lower(text))) {
        return true;
      }
      // an indexed loop: this runs per value in the hot path
      for (int i = 0; i < others.size(); i++) {
        if (others.get(i).test(indexed)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      StringJoiner text = new StringJoiner(", ", "any[", "]");
      tests.forEach(test -> text.add(test.toString()));
      return text.toString();
    }
  }
}

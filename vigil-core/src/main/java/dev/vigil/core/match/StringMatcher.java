package dev.vigil.core.match;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.match.WildcardPattern.AnyChar;
import dev.vigil.core.match.WildcardPattern.AnyString;
import dev.vigil.core.match.WildcardPattern.Element;
import dev.vigil.core.match.WildcardPattern.Literal;
import dev.vigil.core.value.CaseFolding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled whole-value test for one {@link WildcardPattern}, or for any of several ({@link
 * #anyOf}). The common shapes of rule patterns get their own matcher ({@code abc}, {@code abc*},
 * {@code *abc}, {@code *abc*}, {@code ab*cd}, {@code *}), because they are the bulk of the corpus
 * (1751 wildcard values, most of them one of these shapes; kql-semantics.md §9) and each reduces to
 * one {@code String} call; everything else runs the general glob matcher. Shared by the EQL and KQL
 * compilers. Immutable and thread-safe.
 */
public sealed interface StringMatcher
    permits StringMatcher.Exact,
        StringMatcher.Prefix,
        StringMatcher.Suffix,
        StringMatcher.Contains,
        StringMatcher.PrefixSuffix,
        StringMatcher.Anything,
        StringMatcher.Glob,
        StringMatcher.CaseInsensitive,
        StringMatcher.OneOf,
        StringMatcher.AnyOf {

  /** True when the whole of {@code value} matches. */
  boolean matches(String value);

  /** The matcher for {@code pattern}; with {@code foldCase} the value is lower-cased first. */
  static StringMatcher of(WildcardPattern pattern, boolean foldCase) {
    StringMatcher matcher = specialise(pattern.elements());
    return foldCase ? new CaseInsensitive(matcher) : matcher;
  }

  /**
   * One matcher for any of {@code patterns} (case-sensitive): the literal patterns are folded into
   * one hash lookup, because value lists such as EQL's {@code process.name : ("a", "b", ...)} are
   * mostly literal and long; the others are tried in order.
   */
  static StringMatcher anyOf(List<WildcardPattern> patterns) {
    Set<String> exact = new HashSet<>();
    List<StringMatcher> others = new ArrayList<>();
    for (WildcardPattern pattern : patterns) {
      if (pattern.isLiteral()) {
        exact.add(pattern.elements().isEmpty() ? "" : ((Literal) pattern.elements().get(0)).text());
      } else {
        others.add(of(pattern, false));
      }
    }
    if (others.isEmpty()) {
      return exact.size() == 1 ? new Exact(exact.iterator().next()) : new OneOf(exact);
    }
    if (exact.isEmpty() && others.size() == 1) {
      return others.get(0);
    }
    return new AnyOf(exact, others);
  }

  private static StringMatcher specialise(List<Element> elements) {
    boolean hasAnyChar = false;
    for (Element element : elements) {
      hasAnyChar |= element instanceof AnyChar;
    }
    if (!hasAnyChar) {
      int size = elements.size();
      if (size == 0) {
        return new Exact("");
      }
      if (size == 1) {
        return elements.get(0) instanceof Literal literal
            ? new Exact(literal.text())
            : new Anything();
      }
      boolean starts = elements.get(0) instanceof AnyString;
      boolean ends = elements.get(size - 1) instanceof AnyString;
      if (size == 2) {
        return starts
            ? new Suffix(((Literal) elements.get(1)).text())
            : new Prefix(((Literal) elements.get(0)).text());
      }
      if (size == 3 && starts && ends) {
        return new Contains(((Literal) elements.get(1)).text());
      }
      if (size == 3 && !starts && !ends) {
        return new PrefixSuffix(
            ((Literal) elements.get(0)).text(), ((Literal) elements.get(2)).text());
      }
    }
    return Glob.of(elements);
  }

  /** {@code abc}. */
  record Exact(String text) implements StringMatcher {
    public Exact {
      requireNonNull(text, "text is null");
    }

    @Override
    public boolean matches(String value) {
      return value.equals(text);
    }
  }

  /** {@code abc*}. */
  record Prefix(String prefix) implements StringMatcher {
    public Prefix {
      requireNonNull(prefix, "prefix is null");
    }

    @Override
    public boolean matches(String value) {
      return value.startsWith(prefix);
    }
  }

  /** {@code *abc}. */
  record Suffix(String suffix) implements StringMatcher {
    public Suffix {
      requireNonNull(suffix, "suffix is null");
    }

    @Override
    public boolean matches(String value) {
      return value.endsWith(suffix);
    }
  }

  /** {@code *abc*}. */
  record Contains(String infix) implements StringMatcher {
    public Contains {
      requireNonNull(infix, "infix is null");
    }

    @Override
    public boolean matches(String value) {
      return value.contains(infix);
    }
  }

  /** {@code ab*cd}: the two ends must not overlap. */
  record PrefixSuffix(String prefix, String suffix) implements StringMatcher {
    public PrefixSuffix {
      requireNonNull(prefix, "prefix is null");
      requireNonNull(suffix, "suffix is null");
    }

    @Override
    public boolean matches(String value) {
      return value.length() >= prefix.length() + suffix.length()
          && value.startsWith(prefix)
          && value.endsWith(suffix);
    }
  }

  /** {@code *}: every value. */
  record Anything() implements StringMatcher {
    @Override
    public boolean matches(String value) {
      return true;
    }
  }

  /** Folds the value's case, then delegates (the pattern was folded when compiled). */
  record CaseInsensitive(StringMatcher folded) implements StringMatcher {
    public CaseInsensitive {
      requireNonNull(folded, "folded is null");
    }

    @Override
    public boolean matches(String value) {
      return folded.matches(CaseFolding.lower(value));
    }
  }

  /** Any of a set of exact values: one hash lookup. */
  record OneOf(Set<String> values) implements StringMatcher {
    public OneOf {
      values = Set.copyOf(requireNonNull(values, "values is null"));
    }

    @Override
    public boolean matches(String value) {
      return values.contains(value);
    }
  }

  /** Any of a set of exact values (one hash lookup) or of the other matchers, in order. */
  record AnyOf(Set<String> exact, List<StringMatcher> others) implements StringMatcher {
    public AnyOf {
      exact = Set.copyOf(requireNonNull(exact, "exact is null"));
      others = List.copyOf(requireNonNull(others, "others is null"));
    }

    @Override
    public boolean matches(String value) {
      if (exact.contains(value)) {
        return true;
      }
      // An indexed loop: this runs per value in the hot path, so no iterator is allocated.
      for (int i = 0; i < others.size(); i++) {
        if (others.get(i).matches(value)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The general glob: literals as code-point arrays, {@code ?} as {@code ANY_CHAR}, {@code *} as
   * {@code ANY_STRING}. Matching is the classic greedy scan that remembers the last star and
   * retries from one position further on a mismatch: worst case O(value × pattern), never
   * exponential, so no determinisation budget is needed.
   */
  record Glob(int[] pattern) implements StringMatcher {
    static final int ANY_STRING = -1;
    static final int ANY_CHAR = -2;

    static Glob of(List<Element> elements) {
      List<Integer> codes = new ArrayList<>();
      for (Element element : elements) {
        if (element instanceof Literal literal) {
          literal.text().codePoints().forEach(codes::add);
        } else {
          codes.add(element instanceof AnyString ? ANY_STRING : ANY_CHAR);
        }
      }
      int[] pattern = new int[codes.size()];
      for (int i = 0; i < pattern.length; i++) {
        pattern[i] = codes.get(i);
      }
      return new Glob(pattern);
    }

    @Override
    public boolean matches(String value) {
      // Walks the value by code point in place rather than copying it to an int[]: this runs per
      // value in the hot path. A lone surrogate counts as one code point, as String#codePoints.
      int length = value.length();
      int t = 0;
      int p = 0;
      int starP = -1;
      int starT = 0;
      while (t < length) {
        int c = value.codePointAt(t);
        if (p < pattern.length && (pattern[p] == ANY_CHAR || pattern[p] == c)) {
          p++;
          t += Character.charCount(c);
        } else if (p < pattern.length && pattern[p] == ANY_STRING) {
          starP = p++;
          starT = t;
        } else if (starP >= 0) {
          p = starP + 1;
          starT += Character.charCount(value.codePointAt(starT));
          t = starT;
        } else {
          return false;
        }
      }
      while (p < pattern.length && pattern[p] == ANY_STRING) {
        p++;
      }
      return p == pattern.length;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Glob glob && java.util.Arrays.equals(pattern, glob.pattern);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(pattern);
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("Glob[");
      for (int code : pattern) {
        if (code == ANY_STRING) {
          out.append('*');
        } else if (code == ANY_CHAR) {
          out.append('?');
        } else {
          out.appendCodePoint(code);
        }
      }
      return out.append(']').toString();
    }
  }
}

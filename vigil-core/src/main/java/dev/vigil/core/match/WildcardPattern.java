package dev.vigil.core.match;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.value.CaseFolding;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A glob pattern matched against a whole value: literal runs, {@code *} (any sequence of
 * characters, including none and newlines) and {@code ?} (exactly one code point), as Lucene's
 * {@code WildcardQuery} builds its automaton. Elements are normalised: no empty or adjacent
 * literals, no two adjacent {@code *}. Shared by EQL ({@code :}, {@code like}) and KQL, Lucene
 * query strings and the query DSL ({@code wildcard}, {@code prefix}), which match globs the same
 * way and differ only in their text syntax: see {@link #parseEscaped} and {@link #parseUnescaped}.
 * {@link #compile} turns a pattern into its cheapest {@link StringMatcher}. Immutable.
 *
 * @param elements the pattern, left to right
 */
public record WildcardPattern(List<Element> elements) {

  /**
   * Budget: the most elements (literal runs plus wildcards) a pattern may have. Lucene refuses
   * patterns whose automaton needs more than {@code Operations.DEFAULT_DETERMINIZE_WORK_LIMIT} work
   * to determinise; our matcher never determinises, so the bound only guards against absurd input.
   */
  public static final int MAX_ELEMENTS = 10_000;

  /** One part of a pattern. */
  public sealed interface Element permits Literal, AnyString, AnyChar {}

  /** Characters matched exactly; never empty. */
  public record Literal(String text) implements Element {
    public Literal {
      requireNonNull(text, "text is null");
      if (text.isEmpty()) {
        throw new IllegalArgumentException("a literal is never empty");
      }
    }
  }

  /** {@code *}. */
  public record AnyString() implements Element {}

  /** {@code ?}. */
  public record AnyChar() implements Element {}

  private static final AnyString ANY_STRING = new AnyString();
  private static final AnyChar ANY_CHAR = new AnyChar();

  public WildcardPattern {
    requireNonNull(elements, "elements is null");
    elements = normalize(elements);
    if (elements.size() > MAX_ELEMENTS) {
      throw new PatternTooComplexException(
          "the wildcard pattern has "
              + elements.size()
              + " parts, more than the budget of "
              + MAX_ELEMENTS
              + " (WildcardPattern.MAX_ELEMENTS)");
    }
  }

  /** Builder entry for callers assembling a pattern piece by piece. */
  public static final class Builder {
    private final List<Element> elements = new ArrayList<>();

    public Builder literal(String text) {
      if (!text.isEmpty()) {
        elements.add(new Literal(text));
      }
      return this;
    }

    public Builder anyString() {
      elements.add(ANY_STRING);
      return this;
    }

    public Builder anyChar() {
      elements.add(ANY_CHAR);
      return this;
    }

    public WildcardPattern build() {
      return new WildcardPattern(elements);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A pattern matching exactly {@code text}. */
  public static WildcardPattern literal(String text) {
    return builder().literal(text).build();
  }

  /** A pattern matching every value that starts with {@code prefix}. */
  public static WildcardPattern prefix(String prefix) {
    return builder().literal(prefix).anyString().build();
  }

  /**
   * Parses the syntax of Elasticsearch's {@code wildcard} query (Lucene {@code WildcardQuery}):
   * {@code *} and {@code ?} are wildcards, {@code \} makes the next character literal (so {@code
   * \\} is one backslash and {@code \X} is {@code X}), and a trailing lone backslash is literal.
   */
  public static WildcardPattern parseEscaped(String text) {
    Builder builder = builder();
    StringBuilder run = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '*' || c == '?') {
        builder.literal(run.toString());
        run.setLength(0);
        if (c == '*') {
          builder.anyString();
        } else {
          builder.anyChar();
        }
        i++;
      } else if (c == '\\' && i + 1 < text.length()) {
        int next = text.codePointAt(i + 1);
        run.appendCodePoint(next);
        i += 1 + Character.charCount(next);
      } else {
        run.append(c);
        i++;
      }
    }
    builder.literal(run.toString());
    return builder.build();
  }

  /**
   * Parses the syntax of EQL's wildcards ({@code :}, {@code like}): {@code *} and {@code ?} are
   * wildcards and every other character, the backslash included, is itself. EQL has no escape
   * character, unlike {@link #parseEscaped}: Elastic's rules write Windows paths such as {@code
   * "C:\\Windows\\*"}, whose backslashes (after the string literal's own unescaping) must stay
   * literal.
   */
  public static WildcardPattern parseUnescaped(String text) {
    Builder builder = builder();
    int runStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?') {
        builder.literal(text.substring(runStart, i));
        if (c == '*') {
          builder.anyString();
        } else {
          builder.anyChar();
        }
        runStart = i + 1;
      }
    }
    builder.literal(text.substring(runStart));
    return builder.build();
  }

  /**
   * The longest literal run (the first of equal length), empty when there is none: every value the
   * pattern matches contains it, which routing uses to skip values that cannot match.
   */
  public String longestLiteral() {
    String longest = "";
    for (Element element : elements) {
      if (element instanceof Literal literal && literal.text().length() > longest.length()) {
        longest = literal.text();
      }
    }
    return longest;
  }

  /** True when the pattern has no wildcard at all. */
  public boolean isLiteral() {
    return elements.isEmpty() || (elements.size() == 1 && elements.get(0) instanceof Literal);
  }

  /** The same pattern with every literal run mapped by {@code mapping} (e.g. a normalizer). */
  public WildcardPattern mapLiterals(UnaryOperator<String> mapping) {
    List<Element> mapped = new ArrayList<>(elements.size());
    for (Element element : elements) {
      if (element instanceof Literal literal) {
        String text = mapping.apply(literal.text());
        if (!text.isEmpty()) {
          mapped.add(new Literal(text));
        }
      } else {
        mapped.add(element);
      }
    }
    return new WildcardPattern(mapped);
  }

  /** The pattern with literals lower-cased as Lucene's lowercase filter does. */
  public WildcardPattern lowercased() {
    return mapLiterals(CaseFolding::lower);
  }

  /** Compiles the pattern into its matcher; case-insensitive matching folds pattern and value. */
  public StringMatcher compile(boolean caseInsensitive) {
    return StringMatcher.of(caseInsensitive ? lowercased() : this, caseInsensitive);
  }

  /** The pattern in wildcard-query syntax, literals escaped. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Element element : elements) {
      if (element instanceof Literal literal) {
        for (int i = 0; i < literal.text().length(); i++) {
          char c = literal.text().charAt(i);
          if (c == '*' || c == '?' || c == '\\') {
            out.append('\\');
          }
          out.append(c);
        }
      } else {
        out.append(element instanceof AnyString ? '*' : '?');
      }
    }
    return out.toString();
  }

  private static List<Element> normalize(List<Element> elements) {
    List<Element> result = new ArrayList<>(elements.size());
    StringBuilder run = new StringBuilder();
    for (Element element : elements) {
      requireNonNull(element, "element is null");
      if (element instanceof Literal literal) {
        run.append(literal.text());
        continue;
      }
      if (!run.isEmpty()) {
        result.add(new Literal(run.toString()));
        run.setLength(0);
      }
      if (element instanceof AnyString
          && !result.isEmpty()
          && result.get(result.size() - 1) instanceof AnyString) {
        continue;
      }
      result.add(element instanceof AnyString ? ANY_STRING : ANY_CHAR);
    }
    if (!run.isEmpty()) {
      result.add(new Literal(run.toString()));
    }
    return List.copyOf(result);
  }
}

package dev.vigil.core.match;

import static dev.vigil.core.match.RandomStrings.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link WildcardPattern} and {@link StringMatcher}: seeded randomized differential tests of both
 * syntaxes (escaped for KQL/Lucene/DSL, unescaped for EQL) and of {@link StringMatcher#anyOf}
 * against {@link java.util.regex} on the same inputs, the budget, and the shape specialisation. The
 * seed is printed on failure and can be fixed with {@code -Dtests.seed=…}.
 */
class WildcardPatternTest {
  private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
  private static final String ALPHABET = "ab*?\\.Ä\n";

  /** Reference: the escaped wildcard syntax as a java.util.regex. */
  private static Pattern reference(String wildcard, boolean caseInsensitive) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < wildcard.length(); i++) {
      char c = wildcard.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '\\' && i + 1 < wildcard.length()) {
        regex.append(Pattern.quote(String.valueOf(wildcard.charAt(++i))));
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    int flags =
        Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    return Pattern.compile(regex.toString(), flags);
  }

  @Test
  void wildcardMatchersAgreeWithRegex() {
    Random random = new Random(SEED);
    for (int round = 0; round < 20_000; round++) {
      String wildcard = random(random, 6, ALPHABET);
      boolean caseInsensitive = random.nextBoolean();
      String value = random(random, 8, "abAB.\nä?*\\");
      StringMatcher matcher = WildcardPattern.parseEscaped(wildcard).compile(caseInsensitive);
      boolean expected = reference(wildcard, caseInsensitive).matcher(value).matches();
      assertThat(matcher.matches(value))
          .as("seed %d: pattern [%s] (%s) on [%s]", SEED, wildcard, matcher, value)
          .isEqualTo(expected);
    }
  }

  @Test
  void budgetsHaveNamedMessages() {
    List<WildcardPattern.Element> elements = new ArrayList<>();
    for (int i = 0; i <= WildcardPattern.MAX_ELEMENTS; i++) {
      elements.add(i % 2 == 0 ? new WildcardPattern.Literal("a") : new WildcardPattern.AnyChar());
    }
    assertThatThrownBy(() -> new WildcardPattern(elements))
        .isInstanceOf(PatternTooComplexException.class)
        .hasMessageContaining("WildcardPattern.MAX_ELEMENTS");
  }

  @Test
  void shapesAreSpecialised() {
    assertThat(WildcardPattern.parseEscaped("abc*").compile(false))
        .isInstanceOf(StringMatcher.Prefix.class);
    assertThat(WildcardPattern.parseEscaped("*abc").compile(false))
        .isInstanceOf(StringMatcher.Suffix.class);
    assertThat(WildcardPattern.parseEscaped("*abc*").compile(false))
        .isInstanceOf(StringMatcher.Contains.class);
    assertThat(WildcardPattern.parseEscaped("a*c").compile(false))
        .isInstanceOf(StringMatcher.PrefixSuffix.class);
    assertThat(WildcardPattern.parseEscaped("a\\*c").compile(false))
        .isInstanceOf(StringMatcher.Exact.class);
    assertThat(WildcardPattern.parseEscaped("a?c").compile(false))
        .isInstanceOf(StringMatcher.Glob.class);
  }

  /** Reference for the unescaped (EQL) syntax: only {@code *} and {@code ?} are special. */
  private static Pattern unescapedReference(String wildcard) {
    StringBuilder regex = new StringBuilder();
    for (char c : wildcard.toCharArray()) {
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  @Test
  void unescapedSyntaxAndAnyOfAgreeWithRegex() {
    Random random = new Random(SEED);
    for (int round = 0; round < 20_000; round++) {
      List<WildcardPattern> patterns = new ArrayList<>();
      List<Pattern> references = new ArrayList<>();
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        String wildcard = random(random, 6, "ab*?.\\Ä");
        patterns.add(WildcardPattern.parseUnescaped(wildcard));
        references.add(unescapedReference(wildcard));
      }
      String value = random(random, 8, "abA.\\Ä");
      StringMatcher matcher = StringMatcher.anyOf(patterns);
      boolean expected = references.stream().anyMatch(p -> p.matcher(value).matches());
      assertThat(matcher.matches(value))
          .as("seed %d: patterns %s (%s) on [%s]", SEED, patterns, matcher, value)
          .isEqualTo(expected);
    }
  }

  @Test
  void unescapedKeepsBackslashesLiteral() {
    WildcardPattern pattern = WildcardPattern.parseUnescaped("C:\\Windows\\*");
    assertThat(pattern.compile(false)).isEqualTo(new StringMatcher.Prefix("C:\\Windows\\"));
    assertThat(WildcardPattern.parseUnescaped("a\\*c").compile(false))
        .isInstanceOf(StringMatcher.PrefixSuffix.class);
  }

  @Test
  void anyOfFoldsLiteralsIntoOneLookup() {
    assertThat(StringMatcher.anyOf(List.of(WildcardPattern.parseUnescaped("a"))))
        .isEqualTo(new StringMatcher.Exact("a"));
    assertThat(
            StringMatcher.anyOf(
                List.of(WildcardPattern.parseUnescaped("a"), WildcardPattern.parseUnescaped(""))))
        .isEqualTo(new StringMatcher.OneOf(java.util.Set.of("a", "")));
    assertThat(StringMatcher.anyOf(List.of(WildcardPattern.parseUnescaped("a*"))))
        .isEqualTo(new StringMatcher.Prefix("a"));
    StringMatcher mixed =
        StringMatcher.anyOf(
            List.of(WildcardPattern.parseUnescaped("x"), WildcardPattern.parseUnescaped("*y")));
    assertThat(mixed).isInstanceOf(StringMatcher.AnyOf.class);
    assertThat(mixed.matches("x")).isTrue();
    assertThat(mixed.matches("ay")).isTrue();
    assertThat(mixed.matches("xa")).isFalse();
  }
}

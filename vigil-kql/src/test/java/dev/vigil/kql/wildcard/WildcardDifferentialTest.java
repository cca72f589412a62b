package dev.vigil.kql.wildcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized differential tests: the specialised wildcard matchers and the Thompson-NFA
 * Lucene regex against {@link java.util.regex} on the same inputs. The seed is printed on failure
 * and can be fixed with {@code -Dtests.seed=…}.
 */
class WildcardDifferentialTest {
  private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
  private static final String ALPHABET = "ab*?\\.Ä\n";

  private static String random(Random random, int maxLength, String alphabet) {
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

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
  void luceneRegexAgreesWithJavaRegexOnTheCommonSubset() {
    Random random = new Random(SEED);
    String[] atoms = {"a", "b", ".", "[ab]", "[^a]", "(a|b)", "(ab)", "\\.", "\\d"};
    String[] quantifiers = {"", "", "*", "+", "?", "{2}", "{1,2}"};
    for (int round = 0; round < 5_000; round++) {
      StringBuilder pattern = new StringBuilder();
      int parts = 1 + random.nextInt(4);
      for (int i = 0; i < parts; i++) {
        pattern.append(atoms[random.nextInt(atoms.length)]);
        pattern.append(quantifiers[random.nextInt(quantifiers.length)]);
        if (random.nextInt(6) == 0) {
          pattern.append('|');
        }
      }
      String regex = pattern.toString();
      String value = random(random, 6, "ab.1c");
      boolean expected = Pattern.compile(regex, Pattern.DOTALL).matcher(value).matches();
      assertThat(LuceneRegex.compile(regex).matches(value))
          .as("seed %d: regex [%s] on [%s]", SEED, regex, value)
          .isEqualTo(expected);
    }
  }

  @Test
  void pathologicalRegexIsLinear() {
    LuceneRegex regex = LuceneRegex.compile("(a*)*(a|b)*c");
    assertThat(regex.matches("a".repeat(5_000))).isFalse();
  }

  @Test
  void budgetsHaveNamedMessages() {
    assertThatThrownBy(() -> LuceneRegex.compile("a".repeat(LuceneRegex.MAX_LENGTH + 1)))
        .isInstanceOf(PatternTooComplexException.class)
        .hasMessageContaining("LuceneRegex.MAX_LENGTH");
    assertThatThrownBy(() -> LuceneRegex.compile("(((a{100}){100}){100})"))
        .isInstanceOf(PatternTooComplexException.class)
        .hasMessageContaining("LuceneRegex.MAX_STATES");
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
}

package dev.vigil.eql.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Compiled wildcard and regex matchers against reference implementations (java.util.regex) on
 * random patterns and strings over a small alphabet, so that corner cases (stars next to each
 * other, backtracking, empty strings) come up often. The seed is printed on failure.
 */
class MatcherDifferentialTest {
  private static final char[] ALPHABET = {'a', 'b', 'A', '.', '\\'};

  @Test
  void wildcardsMatchReference() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 0; round < 20_000; round++) {
      String pattern = randomString(random, "ab*?.\\", 6);
      String value = randomString(random, "abA.\\", 8);
      boolean expected = referenceWildcard(pattern).matcher(value).matches();
      boolean actual = Wildcards.compileAny(java.util.List.of(pattern)).matches(value);
      assertThat(actual)
          .as("seed %d pattern [%s] value [%s]", seed, pattern, value)
          .isEqualTo(expected);
    }
  }

  @Test
  void regexesMatchReference() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String[] atoms = {"a", "b", ".", "[ab]", "[^a]", "(a|b)", "(ab)", "\\.", "A"};
    String[] ops = {"", "", "*", "+", "?", "{1,2}", "{2}"};
    for (int round = 0; round < 5_000; round++) {
      StringBuilder pattern = new StringBuilder();
      int parts = 1 + random.nextInt(4);
      for (int i = 0; i < parts; i++) {
        pattern.append(atoms[random.nextInt(atoms.length)]).append(ops[random.nextInt(ops.length)]);
        if (random.nextInt(6) == 0) {
          pattern.append('|');
        }
      }
      String value = randomString(random, "abA.", 6);
      // Case-insensitive classes differ between Lucene and java.util.regex (Lucene folds only
      // literal characters), so the reference comparison uses ci only for class-free patterns.
      boolean ci = random.nextBoolean() && pattern.indexOf("[") < 0;
      Pattern reference =
          Pattern.compile(
              pattern.toString(), ci ? Pattern.CASE_INSENSITIVE | Pattern.DOTALL : Pattern.DOTALL);
      boolean expected = reference.matcher(value).matches();
      boolean actual = LuceneRegex.compile(pattern.toString(), ci, 10_000).matches(value);
      assertThat(actual)
          .as("seed %d regex [%s] ci %s value [%s]", seed, pattern, ci, value)
          .isEqualTo(expected);
    }
  }

  @Test
  void luceneSpecificSyntax() {
    assertThat(LuceneRegex.compile("a@", false, 100).matches("abc")).isTrue();
    assertThat(LuceneRegex.compile("#|a", false, 100).matches("a")).isTrue();
    assertThat(LuceneRegex.compile("f<1-12>", false, 10_000).matches("f007")).isTrue();
    assertThat(LuceneRegex.compile("f<1-12>", false, 10_000).matches("f13")).isFalse();
    assertThat(LuceneRegex.compile("\"a.b\"", false, 100).matches("a.b")).isTrue();
    assertThat(LuceneRegex.compile("\"a.b\"", false, 100).matches("axb")).isFalse();
    assertThat(LuceneRegex.compile("^a$", false, 100).matches("^a$")).isTrue();
    assertThat(LuceneRegex.compile("\\d+", false, 100).matches("123")).isTrue();
  }

  private static Pattern referenceWildcard(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
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

  private static String randomString(Random random, String alphabet, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  static char[] alphabet() {
    return ALPHABET.clone();
  }
}

package dev.vigil.core.match;

import static dev.vigil.core.match.RandomStrings.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link LuceneRegex}: seeded randomized differential tests against {@link java.util.regex} on the
 * syntax both share (Lucene {@code TestRegExp.testCoreJavaParity}), Lucene-specific syntax, error
 * positions and the budgets' messages. The seed is printed on failure and can be fixed with {@code
 * -Dtests.seed=…}.
 */
class LuceneRegexTest {
  private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

  private static LuceneRegex compile(String pattern) {
    return LuceneRegex.compile(pattern, RegexOptions.DEFAULTS);
  }

  private static String randomPattern(Random random, String[] atoms, String[] quantifiers) {
    StringBuilder pattern = new StringBuilder();
    int parts = 1 + random.nextInt(4);
    for (int i = 0; i < parts; i++) {
      pattern.append(atoms[random.nextInt(atoms.length)]);
      pattern.append(quantifiers[random.nextInt(quantifiers.length)]);
      if (random.nextInt(6) == 0) {
        pattern.append('|');
      }
    }
    return pattern.toString();
  }

  @Test
  void agreesWithJavaRegexOnTheCommonSubset() {
    Random random = new Random(SEED);
    String[] atoms = {"a", "b", ".", "[ab]", "[^a]", "(a|b)", "(ab)", "\\.", "\\d", "A", "[\\d]"};
    String[] quantifiers = {"", "", "*", "+", "?", "{2}", "{1,2}", "{0,3}"};
    for (int round = 0; round < 10_000; round++) {
      String regex = randomPattern(random, atoms, quantifiers);
      String value = random(random, 6, "abA.1c");
      boolean expected = Pattern.compile(regex, Pattern.DOTALL).matcher(value).matches();
      assertThat(compile(regex).matches(value))
          .as("seed %d: regex [%s] on [%s]", SEED, regex, value)
          .isEqualTo(expected);
    }
  }

  @Test
  void onePatternAgreesWithJavaRegexOverManyValues() {
    // one compiled pattern per round, matched against many values: later values run on the DFA
    // states and transitions earlier values left behind
    Random random = new Random(SEED);
    String[] atoms = {"a", "b", ".", "[ab]", "[^a]", "(a|b)", "(ab)", "\\d", "A", "é"};
    String[] quantifiers = {"", "*", "+", "?", "{1,2}", "{0,3}"};
    for (int round = 0; round < 300; round++) {
      String regex = randomPattern(random, atoms, quantifiers);
      LuceneRegex compiled = compile(regex);
      Pattern reference = Pattern.compile(regex, Pattern.DOTALL);
      for (int value = 0; value < 50; value++) {
        String text = random(random, 8, "abA1cé");
        assertThat(compiled.matches(text))
            .as("seed %d: regex [%s] on [%s]", SEED, regex, text)
            .isEqualTo(reference.matcher(text).matches());
      }
    }
  }

  @Test
  void patternsWhoseDfaOutgrowsItsRoomStillMatch() {
    // the n-th character from the end is an a: 2^13 DFA states, more than the DFA keeps
    String regex = "(a|b)*a(a|b){12}";
    LuceneRegex compiled = compile(regex);
    Pattern reference = Pattern.compile(regex);
    Random random = new Random(SEED);
    for (int value = 0; value < 2_000; value++) {
      String text = random(random, 40, "ab");
      assertThat(compiled.matches(text))
          .as("seed %d: [%s]", SEED, text)
          .isEqualTo(reference.matcher(text).matches());
    }
  }

  @Test
  void threadsSharingAPatternAgree() throws Exception {
    LuceneRegex compiled = compile(".*[0-9]{1,3}\\.[0-9]{1,3}:[0-9]{1,5}.*");
    Pattern reference = Pattern.compile(".*[0-9]{1,3}\\.[0-9]{1,3}:[0-9]{1,5}.*");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int task = 0; task < 8; task++) {
        long seed = SEED + task;
        results.add(
            threads.submit(
                () -> {
                  Random random = new Random(seed);
                  for (int value = 0; value < 5_000; value++) {
                    String text = random(random, 16, "12.:a ");
                    if (compiled.matches(text) != reference.matcher(text).matches()) {
                      return "seed " + seed + ": [" + text + "]";
                    }
                  }
                  return "";
                }));
      }
      for (Future<String> result : results) {
        assertThat(result.get()).isEmpty();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void caseInsensitiveAgreesWithJavaRegexOnClassFreePatterns() {
    Random random = new Random(SEED);
    // Case-insensitive classes differ between Lucene and java.util.regex (Lucene folds only
    // literal characters), so the comparison uses class-free patterns.
    String[] atoms = {"a", "b", ".", "(a|B)", "(ab)", "\\.", "A"};
    String[] quantifiers = {"", "", "*", "+", "?", "{1,2}", "{2}"};
    RegexOptions options = RegexOptions.DEFAULTS.withCaseInsensitive(true);
    for (int round = 0; round < 5_000; round++) {
      String regex = randomPattern(random, atoms, quantifiers);
      String value = random(random, 6, "abAB.");
      boolean expected =
          Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
              .matcher(value)
              .matches();
      assertThat(LuceneRegex.compile(regex, options).matches(value))
          .as("seed %d: regex~ [%s] on [%s]", SEED, regex, value)
          .isEqualTo(expected);
    }
  }

  @Test
  void luceneSpecificSyntax() {
    assertThat(compile("a@").matches("abc")).isTrue();
    assertThat(compile("#|a").matches("a")).isTrue();
    assertThat(compile("#").matches("")).isFalse();
    assertThat(compile("f<1-12>").matches("f007")).isTrue();
    assertThat(compile("f<1-12>").matches("f12")).isTrue();
    assertThat(compile("f<1-12>").matches("f13")).isFalse();
    assertThat(compile("\"a.b\"").matches("a.b")).isTrue();
    assertThat(compile("\"a.b\"").matches("axb")).isFalse();
    assertThat(compile("^a$").matches("^a$")).isTrue();
    assertThat(compile("\\d+").matches("123")).isTrue();
    assertThat(compile("[]a]+").matches("]a]")).isTrue();
    assertThat(compile("[^\\w]").matches("-")).isTrue();
    assertThat(compile("[^\\w]").matches("x")).isFalse();
    assertThat(compile("()a").matches("a")).isTrue();
  }

  @Test
  void matchesCodePointsNotChars() {
    assertThat(compile(".").matches("\uD83D\uDE00")).isTrue();
    assertThat(compile("..").matches("\uD83D\uDE00")).isFalse();
  }

  @Test
  void caseInsensitiveFoldsLiteralsBothWays() {
    RegexOptions options = RegexOptions.DEFAULTS.withCaseInsensitive(true);
    assertThat(LuceneRegex.compile("Ab", options).matches("aB")).isTrue();
    assertThat(LuceneRegex.compile("Ab", RegexOptions.DEFAULTS).matches("aB")).isFalse();
  }

  @Test
  void pathologicalRegexIsLinear() {
    assertThat(compile("(a*)*(a|b)*c").matches("a".repeat(5_000))).isFalse();
  }

  @Test
  void deepSplitChainsDoNotOverflowTheStack() {
    RegexOptions options = RegexOptions.DEFAULTS.withMaxStates(1_000_000, "test");
    // the closure of the start state walks the whole chain; a long value would only repeat that
    // (50,000 characters took half a minute, each step over 100,000 states)
    LuceneRegex deep = LuceneRegex.compile("a{0,50000}", options);
    assertThat(deep.matches("a".repeat(1_000))).isTrue();
    assertThat(deep.matches("a".repeat(999) + "b")).isFalse();
  }

  @Test
  void syntaxErrorsCarryPatternPositionAndReason() {
    assertThatThrownBy(() -> compile("ab)"))
        .isInstanceOfSatisfying(
            RegexSyntaxException.class,
            e -> {
              assertThat(e.pattern()).isEqualTo("ab)");
              assertThat(e.position()).isEqualTo(2);
              assertThat(e.reason()).isEqualTo("unexpected [)]");
            })
        .hasMessage("invalid regex [ab)] at position [2]: unexpected [)]");
    assertThatThrownBy(() -> compile("a{2")).hasMessageContaining("position [1]: expected [}]");
    assertThatThrownBy(() -> compile("a{3,2}"))
        .hasMessageContaining("repetition maximum is below its minimum");
    assertThatThrownBy(() -> compile("~a")).hasMessageContaining("complement operator [~]");
    assertThatThrownBy(() -> compile("a&b")).hasMessageContaining("intersection operator [&]");
    assertThatThrownBy(() -> compile("[b-a]")).hasMessageContaining("invalid class range");
    assertThatThrownBy(() -> compile("a\\")).hasMessageContaining("expected a character after");
    assertThatThrownBy(() -> compile("\"ab")).hasMessageContaining("expected [\"]");
    assertThatThrownBy(() -> compile("(ab")).hasMessageContaining("expected [)]");
    assertThatThrownBy(() -> compile("[ab")).hasMessageContaining("expected []]");
    assertThatThrownBy(() -> compile("<1-")).hasMessageContaining("expected [>]");
    assertThatThrownBy(() -> compile("<0-20000>"))
        .hasMessageContaining("numeric interval too large");
  }

  @Test
  void budgetsHaveNamedMessages() {
    assertThatThrownBy(() -> compile("a".repeat(RegexOptions.MAX_LENGTH + 1)))
        .isInstanceOf(PatternTooComplexException.class)
        .hasMessage(
            "the length of the regex [1001] exceeds the budget of [1000]"
                + " (setting RegexOptions.MAX_LENGTH)");
    assertThatThrownBy(() -> compile("(((a{100}){100}){100})"))
        .isInstanceOf(PatternTooComplexException.class)
        .hasMessage(
            "regex [(((a{100}){100}){100})] is too complex: it needs more than [10000] automaton"
                + " states (setting RegexOptions.MAX_STATES)");
    RegexOptions small = RegexOptions.DEFAULTS.withMaxStates(50, "maxRegexStates");
    assertThatThrownBy(() -> LuceneRegex.compile("a{100}", small))
        .isInstanceOf(PatternTooComplexException.class)
        .hasMessageContaining("is too complex: it needs more than [50] automaton states")
        .hasMessageContaining("setting maxRegexStates");
    assertThat(LuceneRegex.compile("a{48}", small).stateCount()).isEqualTo(49);
  }

  @Test
  void rendersAsItsPattern() {
    assertThat(compile("a[bc]*").toString()).isEqualTo("a[bc]*");
  }
}

package dev.vigil.kql.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokenization facts of kql-semantics.md §4.4 and a few UAX #29 corners. */
class StandardAnalyzerTest {

  @Test
  void keepsDottedNamesNumbersAndUnderscores() {
    assertThat(StandardAnalyzer.analyze("cmd.exe 10.1.2.3 v1.2.3 foo_bar can't"))
        .containsExactly("cmd.exe", "10.1.2.3", "v1.2.3", "foo_bar", "can't");
  }

  @Test
  void splitsOnPunctuationAndLowercases() {
    assertThat(StandardAnalyzer.analyze("C:\\Windows foo-bar a/b x@y.com k=v"))
        .containsExactly("c", "windows", "foo", "bar", "a", "b", "x", "y.com", "k", "v");
    assertThat(StandardAnalyzer.analyze("http://x.example/a.sh"))
        .containsExactly("http", "x.example", "a.sh");
  }

  @Test
  void letterColonLetterStaysTogetherButDigitsSplit() {
    assertThat(StandardAnalyzer.analyze("a:b 10:30 kernel: x"))
        .containsExactly("a:b", "10", "30", "kernel", "x");
  }

  @Test
  void ideographsAreSingleTokensAndPunctuationOnlyIsNothing() {
    assertThat(StandardAnalyzer.analyze("中文 ok")).containsExactly("中", "文", "ok");
    assertThat(StandardAnalyzer.analyze("*** -- ")).isEmpty();
    assertThat(StandardAnalyzer.analyze("Failed*")).containsExactly("failed");
  }

  @Test
  void longTokensAreSplitAt255() {
    List<String> tokens = StandardAnalyzer.analyze("a".repeat(300));
    assertThat(tokens).hasSize(2);
    assertThat(tokens.get(0)).hasSize(255);
  }

  @Test
  void phrases() {
    List<String> tokens = List.of("a", "b", "c", "d");
    assertThat(Phrases.containsExact(tokens, List.of("b", "c"))).isTrue();
    assertThat(Phrases.containsExact(tokens, List.of("c", "b"))).isFalse();
    assertThat(Phrases.containsSloppy(tokens, List.of("a", "c"), 1)).isTrue();
    assertThat(Phrases.containsSloppy(tokens, List.of("a", "d"), 1)).isFalse();
  }
}

package dev.vigil.eql.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.match.PatternTooComplexException;
import dev.vigil.core.match.StringMatcher;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The EQL front ends of the shared matchers: {@link Wildcards} (EQL's unescaped wildcard syntax)
 * and {@link EqlRegex} (EQL's regex options). The matchers themselves, with their seeded
 * differential tests against java.util.regex, are tested in vigil-core's {@code
 * WildcardPatternTest} and {@code LuceneRegexTest}.
 */
class MatcherDifferentialTest {

  @Test
  void wildcardsUseTheUnescapedSyntax() {
    StringMatcher windows = Wildcards.compileAny(List.of("C:\\Windows\\*"));
    assertThat(windows.matches("C:\\Windows\\cmd.exe")).isTrue();
    assertThat(windows.matches("C:Windows*")).isFalse();
    assertThat(Wildcards.compileAny(List.of("a\\*")).matches("a\\bc")).isTrue();
    StringMatcher list = Wildcards.compileAny(List.of("cmd.exe", "power?hell.exe", "*.ps1"));
    assertThat(list.matches("cmd.exe")).isTrue();
    assertThat(list.matches("powershell.exe")).isTrue();
    assertThat(list.matches("x.ps1")).isTrue();
    assertThat(list.matches("CMD.EXE")).isFalse();
  }

  @Test
  void eqlRegexOptions() {
    assertThat(EqlRegex.compile("Ab", true, 100).matches("aB")).isTrue();
    assertThat(EqlRegex.compile("Ab", false, 100).matches("aB")).isFalse();
    // EQL has no pattern-length budget, only the state budget.
    assertThat(EqlRegex.compile("a".repeat(5_000), false, 10_000).matches("a".repeat(5_000)))
        .isTrue();
    assertThatThrownBy(() -> EqlRegex.compile("a{100}", false, 50))
        .isInstanceOf(PatternTooComplexException.class)
        .hasMessageContaining("(setting maxRegexStates)");
  }
}

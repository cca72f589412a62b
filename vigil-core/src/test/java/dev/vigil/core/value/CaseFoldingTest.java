package dev.vigil.core.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaseFoldingTest {

  @Test
  void foldsPerCodePointWithoutContext() {
    assertThat(CaseFolding.lower("already lower")).isSameAs("already lower");
    assertThat(CaseFolding.lower("C:\\Windows\\System32")).isEqualTo("c:\\windows\\system32");
    // String.toLowerCase would turn a word-final capital sigma into ς; Lucene gives σ
    assertThat(CaseFolding.lower("ΟΔΟΣ")).isEqualTo("οδοσ");
    // and would turn İ into two chars (i + combining dot); Character.toLowerCase gives i
    assertThat(CaseFolding.lower("İ")).isEqualTo("i");
    assertThat(CaseFolding.lower("\uD801\uDC00")).isEqualTo("\uD801\uDC28");
  }
}

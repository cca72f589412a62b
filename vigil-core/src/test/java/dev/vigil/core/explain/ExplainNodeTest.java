package dev.vigil.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The deterministic rendering both explainers' golden files depend on. */
class ExplainNodeTest {

  @Test
  void renderDrawsMarkersTextAndSeenIndented() {
    ExplainNode tree =
        new ExplainNode(
            "any where a or b",
            Truth.NULL,
            List.of(),
            List.of(
                new ExplainNode("a", Truth.FALSE, List.of("a = [1]", "b = missing"), List.of()),
                new ExplainNode("b", Truth.NULL, List.of(), List.of())));
    assertThat(tree.render())
        .isEqualTo("[?] any where a or b\n  [-] a   a = [1]; b = missing\n  [?] b\n");
    ExplainNode twoValued =
        new ExplainNode(
            "a or b",
            Truth.TRUE,
            List.of(),
            List.of(
                new ExplainNode("a", Truth.FALSE, List.of("a = [1]"), List.of()),
                new ExplainNode("b", Truth.TRUE, List.of("b = missing"), List.of())));
    assertThat(twoValued.render())
        .isEqualTo("[+] a or b\n  [-] a   a = [1]\n  [+] b   b = missing\n");
  }

  @Test
  void longTextsAreElidedByCodePoints() {
    assertThat(new ExplainNode("abcdefghij", Truth.TRUE, List.of(), List.of()).render(8))
        .isEqualTo("[+] abcde...\n");
    assertThatThrownBy(() -> new ExplainNode("a", Truth.TRUE, List.of(), List.of()).render(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void truthOfResults() {
    assertThat(Truth.of(true)).isEqualTo(Truth.TRUE);
    assertThat(Truth.ofResult(Boolean.FALSE)).isEqualTo(Truth.FALSE);
    assertThat(Truth.ofResult(null)).isEqualTo(Truth.NULL);
    assertThat(Truth.ofResult("true")).isEqualTo(Truth.NULL);
  }
}

package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTextTest {

  @Test
  void rendersTheConstructsGuidesUse() {
    String markdown =
        "## Triage and analysis\n\n> **Note**: read `this` first.\n\n### Steps\n\n"
            + "- Check the [parent](https://example.org/p) process and its arguments carefully"
            + " before deciding anything at all\n  - nested item\n\nPlain text\ncontinues here.\n";
    assertThat(MarkdownText.render(markdown, 40))
        .isEqualTo(
            "Triage and analysis\n"
                + "===================\n"
                + "\n"
                + "  | Note: read this first.\n"
                + "\n"
                + "Steps\n"
                + "-----\n"
                + "\n"
                + "  - Check the parent\n"
                + "    (https://example.org/p) process and\n"
                + "    its arguments carefully before\n"
                + "    deciding anything at all\n"
                + "    - nested item\n"
                + "\n"
                + "Plain text continues here.");
  }
}

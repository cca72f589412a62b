package dev.vigil.eql.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.explain.ExplainNode;
import dev.vigil.core.explain.Truth;
import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.eql.EqlSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Golden renderings of realistic rules (the example rules' queries) for events that do and do not
 * match: the exact text {@code vigil explain} prints.
 */
class ExplainGoldenTest {
  private static final JsonMapper JSON = new JsonMapper();

  /** persistence_maintainer_script_run_outside_dpkg.toml, as written in examples/rules. */
  static final String MAINTAINER_SCRIPT =
      "process where host.os.type == \"linux\" and event.type == \"start\" and event.action =="
          + " \"exec\" and\n"
          + "  (\n"
          + "    process.executable : (\"/var/lib/dpkg/info/*.preinst\","
          + " \"/var/lib/dpkg/info/*.postinst\",\n"
          + "                          \"/var/lib/dpkg/info/*.prerm\","
          + " \"/var/lib/dpkg/info/*.postrm\") or\n"
          + "    (process.name in (\"sh\", \"dash\", \"bash\") and\n"
          + "     process.args : (\"/var/lib/dpkg/info/*.preinst\","
          + " \"/var/lib/dpkg/info/*.postinst\",\n"
          + "                     \"/var/lib/dpkg/info/*.prerm\","
          + " \"/var/lib/dpkg/info/*.postrm\"))\n"
          + "  ) and\n"
          + "  not process.parent.executable in (\"/usr/bin/dpkg\","
          + " \"/usr/sbin/dpkg-reconfigure\", \"/usr/share/debconf/frontend\")\n";

  static Event event(String json) {
    try {
      return Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("test", 1));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * Compares with src/test/resources/explain/NAME; run with {@code -Dvigil.updateGoldens=true} to
   * rewrite the files after an intended change (and review the diff).
   */
  static void assertGolden(ExplainNode tree, String name) {
    Path file = Path.of("src/test/resources/explain", name);
    String actual = tree.render();
    try {
      if (Boolean.getBoolean("vigil.updateGoldens")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void maintainerScriptRunByDpkgDoesNotMatch() {
    Event event =
        event(
            "{\"event\":{\"category\":[\"process\"],\"type\":[\"start\"],\"action\":\"exec\"},"
                + "\"host\":{\"os\":{\"type\":\"linux\"}},"
                + "\"process\":{\"name\":\"postinst\","
                + "\"executable\":\"/var/lib/dpkg/info/nginx.postinst\","
                + "\"args\":[\"/var/lib/dpkg/info/nginx.postinst\",\"configure\"],"
                + "\"parent\":{\"executable\":\"/usr/bin/dpkg\"}}}");
    ExplainNode tree =
        EqlExplainer.explain(MAINTAINER_SCRIPT, DefaultSchema.get(), EqlSettings.defaults(), event);
    assertGolden(tree, "maintainer-script-run-by-dpkg.txt");
  }

  static final String SHELL_OUTBOUND =
      "sequence by host.id, process.entity_id with maxspan=30s\n"
          + "  [process where host.os.type == \"linux\" and event.type == \"start\" and"
          + " event.action == \"exec\" and\n"
          + "     process.name in (\"bash\", \"dash\", \"sh\", \"zsh\")]\n"
          + "  [network where host.os.type == \"linux\" and event.action =="
          + " \"connection_attempted\" and\n"
          + "     process.name in (\"bash\", \"dash\", \"sh\", \"zsh\") and destination.ip !="
          + " null and\n"
          + "     not cidrmatch(destination.ip, \"10.0.0.0/8\", \"127.0.0.0/8\","
          + " \"169.254.0.0/16\", \"172.16.0.0/12\",\n"
          + "                   \"192.168.0.0/16\", \"::1\", \"fe80::/10\", \"fc00::/7\")]\n";

  @Test
  void maintainerScriptRunByAShellMatches() {
    Event event =
        event(
            "{\"event\":{\"category\":[\"process\"],\"type\":[\"start\"],\"action\":\"exec\"},"
                + "\"host\":{\"os\":{\"type\":\"linux\"}},"
                + "\"process\":{\"name\":\"bash\",\"executable\":\"/usr/bin/bash\","
                + "\"args\":[\"/bin/sh\",\"/var/lib/dpkg/info/evil.postinst\"],"
                + "\"parent\":{\"executable\":\"/usr/bin/python3\"}}}");
    ExplainNode tree =
        EqlExplainer.explain(MAINTAINER_SCRIPT, DefaultSchema.get(), EqlSettings.defaults(), event);
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
    assertGolden(tree, "maintainer-script-run-by-shell.txt");
  }

  @Test
  void sequenceShowsWhichStagesTheEventCanFill() {
    Event event =
        event(
            "{\"event\":{\"category\":[\"network\"],\"action\":\"connection_attempted\"},"
                + "\"host\":{\"id\":\"h1\",\"os\":{\"type\":\"linux\"}},"
                + "\"process\":{\"name\":\"bash\",\"entity_id\":\"p1\"},"
                + "\"destination\":{\"ip\":\"10.1.2.3\"}}");
    ExplainNode tree =
        EqlExplainer.explain(SHELL_OUTBOUND, DefaultSchema.get(), EqlSettings.defaults(), event);
    assertGolden(tree, "shell-outbound-network-stage.txt");
  }
}

package dev.vigil.kql.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.explain.ExplainNode;
import dev.vigil.core.explain.Truth;
import dev.vigil.core.schema.DefaultSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden renderings of realistic rules (the example rules' KQL, with a value list and {@code not}),
 * a Lucene query and rule filters: the exact text {@code vigil explain} prints.
 */
class ExplainGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** persistence_dpkg_install_by_new_parent.toml, as written in examples/rules. */
  static final String DPKG_INSTALL =
      "host.os.type:linux and event.category:process and event.type:start and event.action:exec"
          + " and\n"
          + "process.name:dpkg and process.args:(\"-i\" or \"--install\" or \"--unpack\")\n";

  /** persistence_systemd_unit_written_by_maintainer_script.toml, with a `not` added. */
  static final String SYSTEMD_UNIT =
      "host.os.type:linux and event.category:file and event.action:(creation or rename) and\n"
          + "file.path:(/etc/systemd/system/* or /lib/systemd/system/* or"
          + " /usr/lib/systemd/system/* or /run/systemd/system/*) and\n"
          + "file.extension:(service or timer) and process.executable:/var/lib/dpkg/info/* and\n"
          + "not process.name:(systemctl or deb-systemd-helper)\n";

  static Event event(String json) {
    try {
      return Event.of((ObjectNode) JSON.readTree(json), new EventOrigin("test", 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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
  void dpkgInstallWithOtherArgumentsDoesNotMatch() {
    Event event =
        event(
            "{\"event\":{\"category\":[\"process\"],\"type\":[\"start\"],\"action\":\"exec\"},"
                + "\"host\":{\"os\":{\"type\":\"linux\"}},"
                + "\"process\":{\"name\":\"dpkg\",\"args\":[\"dpkg\",\"--configure\",\"-a\"]}}");
    ExplainNode tree = KqlExplainer.explain(DPKG_INSTALL, DefaultSchema.get(), event);
    assertThat(tree.value()).isEqualTo(Truth.FALSE);
    assertGolden(tree, "dpkg-install-other-arguments.txt");
  }

  @Test
  void systemdUnitWrittenBySystemctlIsExcludedByTheNot() {
    Event event =
        event(
            "{\"event\":{\"category\":[\"file\"],\"action\":\"creation\"},"
                + "\"host\":{\"os\":{\"type\":\"linux\"}},"
                + "\"file\":{\"path\":\"/etc/systemd/system/evil.service\",\"extension\":\"service\"},"
                + "\"process\":{\"name\":\"systemctl\","
                + "\"executable\":\"/var/lib/dpkg/info/evil.postinst\"}}");
    ExplainNode tree = KqlExplainer.explain(SYSTEMD_UNIT, DefaultSchema.get(), event);
    assertThat(tree.value()).isEqualTo(Truth.FALSE);
    assertGolden(tree, "systemd-unit-excluded-by-not.txt");
  }

  @Test
  void luceneQueryWithRequiredProhibitedAndOptionalClauses() {
    Event event =
        event(
            "{\"event\":{\"category\":[\"process\"]},\"process\":{\"name\":\"curl\","
                + "\"args\":[\"curl\",\"-o\",\"/tmp/x.deb\"]}}");
    ExplainNode tree =
        KqlExplainer.explainLucene(
            "+event.category:process AND process.name:(curl OR wget) -process.args:\"--version\""
                + " user.name:root",
            DefaultSchema.get(),
            event);
    assertThat(tree.value()).isEqualTo(Truth.TRUE);
    assertGolden(tree, "lucene-required-prohibited-optional.txt");
  }

  @Test
  void filtersWithANegatedAndADisabledFilter() throws IOException {
    Event event =
        event(
            "{\"host\":{\"os\":{\"type\":\"linux\"}},\"user\":{\"name\":\"root\"},"
                + "\"process\":{\"name\":\"bash\"}}");
    ExplainNode tree =
        KqlExplainer.explainFilters(
            List.of(
                JSON.readTree(
                    "{\"meta\":{\"negate\":false},\"query\":{\"match_phrase\":"
                        + "{\"host.os.type\":\"linux\"}}}"),
                JSON.readTree(
                    "{\"meta\":{\"negate\":true},\"query\":{\"bool\":{\"should\":["
                        + "{\"match_phrase\":{\"user.name\":\"root\"}},"
                        + "{\"match_phrase\":{\"user.name\":\"admin\"}}],"
                        + "\"minimum_should_match\":1}}}"),
                JSON.readTree(
                    "{\"meta\":{\"disabled\":true},\"exists\":{\"field\":\"process.pid\"}}")),
            DefaultSchema.get(),
            event);
    assertThat(tree.value()).isEqualTo(Truth.FALSE);
    assertGolden(tree, "filters-negated-and-disabled.txt");
  }
}

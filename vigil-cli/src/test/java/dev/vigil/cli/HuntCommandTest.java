package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first quick-start command, and hunt's handling of bad input. */
class HuntCommandTest {
  private static final JsonMapper JSON = new JsonMapper();

  @TempDir Path dir;

  @Test
  void huntsTheExampleIntrusion() throws IOException {
    Path output = dir.resolve("alerts.ndjson");
    CliRun run =
        CliRun.of(
            "hunt",
            "--rules",
            "../examples/rules",
            "--format",
            "ndjson",
            "--output",
            output.toString(),
            "../examples/events");
    assertThat(run.err()).doesNotContain("could not be loaded").doesNotContain("Exception");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> alerts = new ArrayList<>();
    for (String line : Files.readAllLines(output)) {
      alerts.add(JSON.readTree(line));
    }
    List<String> shown = new ArrayList<>();
    int buildingBlocks = 0;
    for (JsonNode alert : alerts) {
      if (alert.has("kibana.alert.building_block_type")) {
        buildingBlocks++;
        continue;
      }
      shown.add(
          alert.get("kibana.alert.original_time").asText()
              + " "
              + alert.get("kibana.alert.rule.name").asText());
    }
    shown.sort(null);
    // The alerts examples/README.md predicts, rule by rule (sequence shells carry the time of
    // their creation, as in Kibana).
    assertThat(shown)
        .containsExactly(
            "2026-11-17T06:34:18.762Z Debian Package Installed by a Parent New to the Host",
            "2026-11-17T06:41:37.546Z Debian Package Installed by a Parent New to the Host",
            "2026-11-17T10:06:37.571Z Debian Package Installed by a Parent New to the Host",
            "2026-11-18T10:31:15.642Z Debian Package Installed by a Parent New to the Host",
            "2026-11-19T13:54:25.877Z SSH Password Spraying from a Single Source",
            "2026-11-19T13:59:52.089Z Debian Package Installed by a Parent New to the Host",
            "2026-11-19T13:59:52.381Z Systemd Unit Written by a Package Maintainer Script",
            "2026-11-19T14:02:12.608Z Debian Package Downloaded and Installed Within Minutes",
            "2026-11-19T14:02:12.608Z Shell Process Connecting to a Public Address",
            "2026-11-19T15:00:02.642Z Debian Maintainer Script Run Outside dpkg",
            "2026-11-19T16:00:03.119Z Debian Maintainer Script Run Outside dpkg");
    assertThat(buildingBlocks).isEqualTo(4);
  }

  @Test
  void profileListsEveryRuleCostliestFirstWithTotals() {
    CliRun run =
        CliRun.of(
            "hunt",
            "--profile",
            "--rules",
            "../examples/rules",
            "--format",
            "ndjson",
            "--output",
            dir.resolve("alerts.ndjson").toString(),
            "../examples/events");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String profile = run.err().substring(run.err().indexOf("vigil: profile:"));
    List<String> lines = profile.lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "vigil: profile: all 6 rules, costliest first (elapsed ms summed over threads,"
                + " collector pauses included)");
    assertThat(lines.get(1)).contains("select ms", "tested", "selected", "exec ms", "runs", "rule");
    List<String> rows = lines.subList(2, 8);
    assertThat(rows)
        .anySatisfy(row -> assertThat(row).endsWith("Debian Maintainer Script Run Outside dpkg"))
        .anySatisfy(row -> assertThat(row).endsWith("SSH Password Spraying from a Single Source"));
    List<Double> milliseconds = new ArrayList<>();
    for (String row : rows) {
      String[] columns = row.substring("vigil:".length()).trim().split(" +");
      milliseconds.add(Double.parseDouble(columns[0]) + Double.parseDouble(columns[3]));
      // routing sends a rule only events it may select
      assertThat(Long.parseLong(columns[1])).isGreaterThanOrEqualTo(Long.parseLong(columns[2]));
    }
    // costliest first (rounded to 0.1 ms per column)
    for (int i = 1; i < milliseconds.size(); i++) {
      assertThat(milliseconds.get(i)).isLessThanOrEqualTo(milliseconds.get(i - 1) + 0.2);
    }
    String[] totals = lines.get(8).substring("vigil:".length()).trim().split(" +");
    assertThat(lines.get(8)).endsWith("(all 6 rules)");
    assertThat(lines.get(9))
        .matches(
            "vigil: profile: at most [1-9][0-9]* selected events held at once \\(counted once per"
                + " rule that kept them\\)");
    // the example files, read merged, are one stream in @timestamp order
    assertThat(lines.get(10))
        .isEqualTo(
            "vigil: profile: the input came at most 0s out of @timestamp order; a --max-disorder"
                + " above that makes no event late");
    assertThat(Long.parseLong(totals[2])).isPositive();
  }

  @Test
  void badRulesAreReportedWithTheirPositionAndTheRestRuns() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(
        rules.resolve("bad.toml"),
        "[rule]\nauthor = [\"t\"]\ndescription = \"d\"\nname = \"Bad\"\nrisk_score = 1\n"
            + "rule_id = \"bad-1\"\nseverity = \"low\"\ntype = \"query\"\nlanguage = \"kuery\"\n"
            + "query = '''\nprocess.name:(dpkg or\n'''\n");
    Files.writeString(rules.resolve("broken.toml"), "[rule\n");
    Path events = dir.resolve("e.ndjson");
    Files.writeString(events, "{\"@timestamp\":\"2026-11-19T10:00:00Z\"}\n");
    CliRun run = CliRun.of("hunt", "--rules", rules.toString(), events.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains(rules.resolve("bad.toml") + ":12:")
        .contains("Bad [bad-1]:")
        .contains(rules.resolve("broken.toml") + ":1:")
        .contains("invalid TOML")
        .contains("2 rules could not be loaded");
    assertThat(run.out()).contains("No alerts.");
  }

  @Test
  void eventsLaterThanTheAllowedDisorderAreCountedAndTold() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(
        rules.resolve("any.toml"),
        "[rule]\nauthor = [\"t\"]\ndescription = \"d\"\nname = \"Any\"\nrisk_score = 1\n"
            + "rule_id = \"any-1\"\nseverity = \"low\"\ntype = \"query\"\nlanguage = \"kuery\"\n"
            + "query = 'process.name:*'\n");
    // an hour of events, 6 s apart (more than two batches), then one from its fifth minute
    StringBuilder lines = new StringBuilder();
    Instant start = Instant.parse("2026-11-19T10:00:00Z");
    for (int i = 0; i < 600; i++) {
      lines.append(event(start.plusSeconds(6L * i), "a"));
    }
    lines.append(event(start.plusSeconds(300), "late"));
    Path events = Files.writeString(dir.resolve("e.ndjson"), lines);
    String[] streaming = {
      "hunt", "--rules", rules.toString(), "--max-held", "0", events.toString()
    };
    CliRun late = CliRun.of(concat(streaming, "--max-disorder", "15m"));
    assertThat(late.exitCode()).as(late.err()).isZero();
    assertThat(late.err())
        .contains(
            "vigil: warning: 1 event came more than --max-disorder 15m out of @timestamp order")
        // 33m24s behind the median of the batch before its own (the events at 38m24s)
        .contains("raise --max-disorder above 34m (the most this input came out of order)")
        .contains(" 600 alerts")
        .contains("; 1 warning");
    CliRun allowed = CliRun.of(concat(streaming, "--max-disorder", "40m"));
    assertThat(allowed.err()).doesNotContain("out of @timestamp order").contains(" 601 alerts");
    CliRun held = CliRun.of(concat(streaming, "--max-disorder", "none"));
    assertThat(held.err()).doesNotContain("out of @timestamp order").contains(" 601 alerts");
  }

  @Test
  void filesCoveringTheSameHoursAreReadAsOneStreamInTimeOrder() {
    // the examples are one file per dataset over the same hours: read one after another, the
    // later files would come late to rules already run past them
    String[] hunt = {
      "hunt", "--format", "ndjson", "--rules", "../examples/rules", "../examples/events"
    };
    CliRun held = CliRun.of(hunt);
    CliRun streaming = CliRun.of(concat(hunt, "--max-held", "0", "--max-disorder", "0s"));
    assertThat(streaming.exitCode()).as(streaming.err()).isZero();
    assertThat(streaming.err()).doesNotContain("out of @timestamp order").contains(" 15 alerts");
    assertThat(streaming.out()).isEqualTo(held.out());
  }

  private static String event(Instant time, String process) {
    return "{\"@timestamp\":\"" + time + "\",\"process\":{\"name\":\"" + process + "\"}}\n";
  }

  private static String[] concat(String[] head, String... tail) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }

  @Test
  void badStreamingSettingsAreUsageErrors() {
    CliRun disorder =
        CliRun.of("hunt", "--rules", "../examples/rules", "--max-disorder", "soon", "x.ndjson");
    assertThat(disorder.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(disorder.err())
        .contains("'--max-disorder': [soon] is not a duration such as 10m, 30s or 0s, nor none");
    CliRun held = CliRun.of("hunt", "--rules", "../examples/rules", "--max-held", "-1", "x.ndjson");
    assertThat(held.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(held.err()).contains("'--max-held': [-1] must not be negative");
  }

  @Test
  void badTimeIsAUsageError() {
    CliRun run =
        CliRun.of("hunt", "--rules", "../examples/rules", "--since", "yesterday", "x.ndjson");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("[yesterday] is not an ISO 8601 date");
  }
}

package dev.vigil.rules.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.rules.model.ExceptionItem;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.RuleType;
import dev.vigil.rules.model.Schedule;
import dev.vigil.rules.model.TypeParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {
  @TempDir Path dir;

  private static final String EQL_RULE =
      """
      [metadata]
      creation_date = "2026/11/01"
      maturity = "production"
      updated_date = "2026/11/01"

      [rule]
      author = ["Vigil tests"]
      description = "A maintainer script ran outside dpkg."
      from = "now-9m"
      index = ["logs-endpoint.events.process*"]
      language = "eql"
      license = "Apache-2.0"
      name = "Maintainer script outside dpkg"
      risk_score = 47
      rule_id = "3f0c2a43-1f55-4c43-9a36-7d2f2b8e4a10"
      severity = "medium"
      tags = ["OS: Linux"]
      timestamp_override = "event.ingested"
      type = "eql"
      query = '''
      process where process.executable : "/var/lib/dpkg/info/*" and
        not process.parent.name == "dpkg"
      '''

      [[rule.threat]]
      framework = "MITRE ATT&CK"
      [[rule.threat.technique]]
      id = "T1546"
      name = "Event Triggered Execution"
      reference = "https://attack.mitre.org/techniques/T1546/"
      [[rule.threat.technique.subtechnique]]
      id = "T1546.016"
      name = "Installer Packages"
      reference = "https://attack.mitre.org/techniques/T1546/016/"
      [rule.threat.tactic]
      id = "TA0003"
      name = "Persistence"
      reference = "https://attack.mitre.org/tactics/TA0003/"
      """;

  private static final String NEW_TERMS_RULE =
      """
      [rule]
      author = ["Vigil tests"]
      description = "dpkg installs from a parent never seen installing."
      interval = "10m"
      language = "kuery"
      name = "New dpkg parent"
      risk_score = 21
      rule_id = "b2b5f0de-8a0e-4c5e-8f0b-6a1f1d3c9e77"
      severity = "low"
      type = "new_terms"
      max_signals = 5
      query = 'process.name:dpkg and process.args:("-i" or "--install")'

      [rule.new_terms]
      field = "new_terms_fields"
      value = ["host.id", "process.parent.executable"]
      [[rule.new_terms.history_window_start]]
      field = "history_window_start"
      value = "now-7d"
      """;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  @Test
  void loadsTomlRulesWithKibanaDefaults() throws IOException {
    write("a/eql.toml", EQL_RULE);
    write("b/new_terms.toml", NEW_TERMS_RULE);
    RuleLoader.Result result = RuleLoader.load(List.of(dir));
    assertThat(result.problems()).isEmpty();
    assertThat(result.rules()).hasSize(2);

    Rule eql = result.rules().get(0);
    assertThat(eql.type()).isEqualTo(RuleType.EQL);
    assertThat(eql.query().orElseThrow()).startsWith("process where").endsWith("\"dpkg\"\n");
    assertThat(eql.schedule())
        .isEqualTo(
            new Schedule(
                Duration.ofMinutes(5),
                "now-9m",
                "now",
                100,
                java.util.Optional.of("event.ingested"),
                false));
    assertThat(eql.threat())
        .singleElement()
        .satisfies(
            threat -> {
              assertThat(threat.tactic().id()).isEqualTo("TA0003");
              assertThat(threat.techniques().get(0).subtechniques().get(0).id())
                  .isEqualTo("T1546.016");
            });
    assertThat(eql.documentation().version()).isEqualTo(1);
    // the query starts on the line after ''' (line 21), column 1
    assertThat(eql.source().queryLine()).contains(21);
    assertThat(eql.source().queryColumn()).contains(1);

    Rule newTerms = result.rules().get(1);
    assertThat(newTerms.parameters())
        .isEqualTo(
            new TypeParameters.NewTerms(List.of("host.id", "process.parent.executable"), "now-7d"));
    assertThat(newTerms.schedule().interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(newTerms.schedule().from()).isEqualTo("now-6m");
    assertThat(newTerms.schedule().maxSignals()).isEqualTo(5);
    assertThat(newTerms.language()).contains("kuery");
    assertThat(newTerms.source().queryColumn()).contains(10);
  }

  @Test
  void badFilesAreProblemsAndOtherRulesStillLoad() throws IOException {
    write("1.toml", EQL_RULE);
    write("2.toml", "[rule\nname = 1\n");
    write("3.toml", EQL_RULE.replace("type = \"eql\"", "type = \"sigma\""));
    write("4.toml", EQL_RULE.replace("name = \"Maintainer script outside dpkg\"\n", ""));
    write("5.toml", "[metadata]\nmaturity = \"production\"\n");
    write("6.toml", EQL_RULE.replace("risk_score = 47", "risk_score = 470"));
    write("7.toml", NEW_TERMS_RULE.replace("interval = \"10m\"", "interval = \"10 minutes\""));
    RuleLoader.Result result = RuleLoader.load(List.of(dir));
    assertThat(result.rules()).hasSize(1);
    assertThat(result.problems())
        .extracting(Throwable::getMessage)
        .containsExactly(
            dir.resolve("2.toml") + ":1:6: invalid TOML: " + tomlMessage(),
            dir.resolve("3.toml")
                + ":19:1: rule 3f0c2a43-1f55-4c43-9a36-7d2f2b8e4a10: unknown rule type [sigma];"
                + " expected one of query, saved_query, eql, new_terms, threshold, threat_match,"
                + " esql, machine_learning",
            // a missing key is reported at the [rule] table's header
            dir.resolve("4.toml")
                + ":6:1: rule 3f0c2a43-1f55-4c43-9a36-7d2f2b8e4a10: [name] is required",
            dir.resolve("5.toml") + ": no [rule] table: not a detection-rules rule file",
            dir.resolve("6.toml")
                + ":14:1: rule 3f0c2a43-1f55-4c43-9a36-7d2f2b8e4a10: [risk_score] must be a whole"
                + " number from 0 to 100",
            dir.resolve("7.toml")
                + ":4:1: rule b2b5f0de-8a0e-4c5e-8f0b-6a1f1d3c9e77: [interval] invalid duration"
                + " [10 minutes]: expected a positive whole number followed by s, m, h or d,"
                + " e.g. [5m]");
  }

  private static String tomlMessage() {
    try {
      new com.fasterxml.jackson.dataformat.toml.TomlMapper().readTree("[rule\nname = 1\n");
      throw new AssertionError("expected a TOML error");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String message = e.getOriginalMessage();
      int newline = message.indexOf('\n');
      return newline < 0 ? message : message.substring(0, newline);
    }
  }

  @Test
  void loadsKibanaExports() throws IOException {
    String export =
        String.join(
            "\n",
            "{\"id\":\"so-1\",\"rule_id\":\"r1\",\"name\":\"Threshold\",\"type\":\"threshold\","
                + "\"language\":\"kuery\",\"query\":\"event.outcome:failure\",\"risk_score\":47,"
                + "\"severity\":\"high\",\"version\":3,\"interval\":\"1m\",\"from\":\"now-2m\","
                + "\"threshold\":{\"field\":[\"source.ip\"],\"value\":10,\"cardinality\":[{\"field\":"
                + "\"user.name\",\"value\":3}]},\"exceptions_list\":[{\"id\":\"l1\",\"list_id\":"
                + "\"ssh-allow\",\"type\":\"detection\",\"namespace_type\":\"single\"}]}",
            "{\"list_id\":\"ssh-allow\",\"type\":\"detection\",\"name\":\"allow\"}",
            "{\"item_id\":\"i1\",\"list_id\":\"ssh-allow\",\"name\":\"scanner\","
                + "\"os_types\":[\"linux\"],\"expire_time\":\"2027-01-01T00:00:00.000Z\","
                + "\"entries\":[{\"field\":\"source.ip\",\"operator\":\"included\","
                + "\"type\":\"match\",\"value\":\"10.0.2.40\"},{\"field\":\"user.name\","
                + "\"operator\":\"excluded\",\"type\":\"match_any\",\"value\":[\"root\"]},"
                + "{\"field\":\"dns\",\"type\":\"nested\",\"entries\":[{\"field\":\"type\","
                + "\"operator\":\"included\",\"type\":\"exists\"}]}]}",
            "{\"item_id\":\"i2\",\"list_id\":\"ssh-allow\",\"entries\":[{\"field\":\"a\","
                + "\"type\":\"regex\",\"value\":\"x\"}]}",
            "{oops",
            "{\"rule_id\":\"r2\",\"type\":\"query\",\"name\":\"No query\",\"risk_score\":1,"
                + "\"severity\":\"low\"}",
            "{\"exported_count\":2,\"exported_rules_count\":1}",
            "");
    Path file = write("export.ndjson", export);
    RuleLoader.Result result = RuleLoader.load(List.of(file));
    assertThat(result.rules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.ruleId()).isEqualTo("r1");
              assertThat(rule.documentation().version()).isEqualTo(3);
              assertThat(rule.source().line()).isEqualTo(1);
              assertThat(rule.exceptionsList())
                  .singleElement()
                  .satisfies(ref -> assertThat(ref.listId()).isEqualTo("ssh-allow"));
              assertThat(rule.parameters())
                  .isEqualTo(
                      new TypeParameters.Threshold(
                          List.of("source.ip"),
                          10,
                          List.of(new TypeParameters.Threshold.Cardinality("user.name", 3))));
            });
    assertThat(result.problems())
        .extracting(Throwable::getMessage)
        .containsExactly(
            file
                + ":4: exception item i2: unknown entry type [regex]; expected match, match_any,"
                + " wildcard, exists, list or nested",
            file
                + ":5:2: invalid JSON: Unexpected character ('o' (code 111)): was expecting"
                + " double-quote to start field name",
            file + ":6: rule r2: [query] is required for query rules");
    assertThat(result.exceptionItems())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.osTypes()).containsExactly("linux");
              assertThat(item.expireTime())
                  .contains(java.time.Instant.parse("2027-01-01T00:00:00Z"));
              assertThat(item.entries())
                  .containsExactly(
                      new ExceptionItem.Entry.Match("source.ip", false, "10.0.2.40"),
                      new ExceptionItem.Entry.MatchAny("user.name", true, List.of("root")),
                      new ExceptionItem.Entry.Nested(
                          "dns", List.of(new ExceptionItem.Entry.Exists("type", false))));
            });
  }

  @Test
  void missingPathIsAProblem() {
    RuleLoader.Result result = RuleLoader.load(List.of(dir.resolve("nope.toml")));
    assertThat(result.problems())
        .extracting(Throwable::getMessage)
        .containsExactly(dir.resolve("nope.toml") + ": no such file");
  }
}

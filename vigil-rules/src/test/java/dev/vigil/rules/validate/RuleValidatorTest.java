package dev.vigil.rules.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.rules.load.RuleLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleValidatorTest {
  @TempDir Path dir;

  private final RuleValidator validator = new RuleValidator(DefaultSchema.get());

  /** A TOML rule: line 1 is [rule]; {@code extra} lines follow line 10; the query comes last. */
  private static String toml(String type, String language, String extra, String query) {
    return String.join(
        "\n",
        "[rule]",
        "author = [\"Vigil tests\"]",
        "description = \"A test rule.\"",
        "index = [\"logs-endpoint.events.*\"]",
        "name = \"Test rule\"",
        "risk_score = 21",
        "rule_id = \"00000000-0000-0000-0000-000000000001\"",
        "severity = \"low\"",
        "type = \"" + type + "\"",
        "language = \"" + language + "\"",
        extra,
        query,
        "");
  }

  private ValidationResult validateOne(String fileName, String text) throws IOException {
    Path file = dir.resolve(fileName);
    Files.writeString(file, text);
    ValidationReport report = validator.validate(List.of(file));
    assertThat(report.results()).hasSize(1);
    return report.results().get(0);
  }

  private Path file(String name) {
    return dir.resolve(name);
  }

  @Test
  void validEqlRuleIsOk() throws IOException {
    ValidationResult result =
        validateOne(
            "ok.toml",
            toml(
                "eql",
                "eql",
                "",
                "query = '''\nprocess where event.type == \"start\" and process.name == \"dpkg\"\n'''"));
    assertThat(result.status()).as("%s", result.message()).isEqualTo(ValidationStatus.OK);
    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).isEmpty();
    assertThat(result.ruleId()).contains("00000000-0000-0000-0000-000000000001");
    assertThat(result.name()).contains("Test rule");
    assertThat(result.type()).contains("eql");
    assertThat(result.message()).isEmpty();
  }

  @Test
  void eqlSyntaxErrorIsLocatedInTheFile() throws IOException {
    // query on lines 13-15; the stray "==" is on line 14, column 30
    ValidationResult result =
        validateOne(
            "syntax.toml",
            toml(
                "eql",
                "eql",
                "",
                "query = '''\nprocess where true and\n  process.name == \"dpkg\" and == 1\n'''"));
    assertThat(result.status()).isEqualTo(ValidationStatus.ERROR);
    Diagnostic error = result.errors().get(0);
    assertThat(error.location()).isEqualTo(file("syntax.toml") + ":14:30");
    assertThat(error.snippet())
        .contains("  process.name == \"dpkg\" and == 1\n                             ^^");
    assertThat(result.message().orElseThrow())
        .startsWith(file("syntax.toml") + ":14:30: Found [==], expected an expression\n")
        .endsWith("^^");
  }

  @Test
  void unknownEqlFieldIsAWarningWithASuggestion() throws IOException {
    ValidationResult result =
        validateOne(
            "unknown.toml",
            toml("eql", "eql", "", "query = '''\nprocess where\n  proces.name == \"dpkg\"\n'''"));
    assertThat(result.status()).as("%s", result.message()).isEqualTo(ValidationStatus.OK);
    assertThat(result.warnings())
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.location()).isEqualTo(file("unknown.toml") + ":14:3");
              assertThat(warning.message())
                  .isEqualTo("Unknown column [proces.name], did you mean [process.name]?");
            });
  }

  @Test
  void eqlTypeErrorIsAnError() throws IOException {
    ValidationResult result =
        validateOne(
            "type.toml",
            toml("eql", "eql", "", "query = 'process where process.pid == \"x\" and length(1)'"));
    assertThat(result.status()).isEqualTo(ValidationStatus.ERROR);
    // on the query's line (12), after "query = '"
    assertThat(result.errors()).allSatisfy(error -> assertThat(error.line()).isEqualTo(12));
  }

  @Test
  void unknownKqlFieldsAreWarningsAndPatternsExpand() throws IOException {
    ValidationResult result =
        validateOne(
            "kql.toml",
            toml(
                "query",
                "kuery",
                "",
                "query = '''\nprocess.nme : \"bash\" and process.parent.na* : x and nosuch*.field : y\n"
                    + "  and process.name.caseless : bash and gcp.anything : 1\n'''"));
    assertThat(result.status()).as("%s", result.message()).isEqualTo(ValidationStatus.OK);
    assertThat(result.warnings())
        .extracting(Diagnostic::location, Diagnostic::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                file("kql.toml") + ":13:1",
                "Unknown field [process.nme], did you mean [process.name]?"),
            org.assertj.core.groups.Tuple.tuple(
                file("kql.toml") + ":13:53",
                "Field pattern [nosuch*.field] matches no field of the schema"),
            org.assertj.core.groups.Tuple.tuple(
                file("kql.toml") + ":14:40", "Unknown field [gcp.anything]"));
  }

  @Test
  void kqlErrorInABasicStringAccountsForEscapes() throws IOException {
    // The TOML basic string holds \" escapes: the file column is two characters further per escape.
    ValidationResult result =
        validateOne(
            "escapes.toml",
            toml(
                "query",
                "kuery",
                "",
                "query = \"process.name : \\\"bash\\\" and (user.name : x\""));
    assertThat(result.status()).isEqualTo(ValidationStatus.ERROR);
    Diagnostic error = result.errors().get(0);
    // query text: process.name : "bash" and (user.name : x  -> end of input at offset 39;
    // in the file: `query = "` is 9 characters and the two escapes add 2.
    assertThat(error.location()).isEqualTo(file("escapes.toml") + ":12:52");
    assertThat(error.message()).startsWith("Expected");
  }

  @Test
  void kqlErrorInAMultiLineBasicString() throws IOException {
    ValidationResult result =
        validateOne(
            "multiline.toml",
            toml(
                "query",
                "kuery",
                "",
                "query = \"\"\"\nprocess.name : \\\"bash\\\" and\n  user.name : (a or b and\n\"\"\""));
    assertThat(result.status()).isEqualTo(ValidationStatus.ERROR);
    assertThat(result.errors().get(0).line()).isEqualTo(15);
    assertThat(result.errors().get(0).column()).isEqualTo(1);
  }

  @Test
  void nestedQueryOnAFieldNotMappedAsNestedIsAnError() throws IOException {
    ValidationResult result =
        validateOne(
            "nested.toml",
            toml(
                "query",
                "kuery",
                "",
                "query = '''\nevent.outcome: success and\n  gcp.audit.deltas:{ action: ADD }\n'''"));
    assertThat(result.status()).isEqualTo(ValidationStatus.ERROR);
    assertThat(result.errors().get(0).location()).isEqualTo(file("nested.toml") + ":14:3");
    assertThat(result.errors().get(0).message())
        .contains("failed to find nested object under path [gcp.audit.deltas]");
  }

  @Test
  void luceneQueriesAreCheckedToo() throws IOException {
    ValidationResult ok =
        validateOne(
            "lucene.toml",
            toml("query", "lucene", "", "query = 'process.name:bash AND proces.args:(-c)'"));
    assertThat(ok.status()).isEqualTo(ValidationStatus.OK);
    assertThat(ok.warnings())
        .extracting(Diagnostic::message)
        .containsExactly("Unknown field [proces.args], did you mean [process.args]?");
    ValidationResult bad =
        validateOne("lucene-bad.toml", toml("query", "lucene", "", "query = 'process.name:(bash'"));
    assertThat(bad.status()).isEqualTo(ValidationStatus.ERROR);
    assertThat(bad.errors().get(0).line()).isEqualTo(12);
  }

  @Test
  void languageMustFitTheType() throws IOException {
    ValidationResult result =
        validateOne("language.toml", toml("query", "eql", "", "query = 'process where true'"));
    assertThat(result.status()).isEqualTo(ValidationStatus.ERROR);
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.location()).isEqualTo(file("language.toml") + ":10:1");
              assertThat(error.message())
                  .isEqualTo("[language] of a query rule must be [kuery] or [lucene], found [eql]");
            });
    ValidationResult eql =
        validateOne("eql-kuery.toml", toml("eql", "kuery", "", "query = 'process.name : bash'"));
    assertThat(eql.errors())
        .extracting(Diagnostic::message)
        .containsExactly("[language] of an eql rule must be [eql], found [kuery]");
  }

  @Test
  void invalidFromIsAnError() throws IOException {
    ValidationResult result =
        validateOne(
            "from.toml", toml("query", "kuery", "from = \"now-9x\"", "query = 'process.name : a'"));
    assertThat(result.status()).isEqualTo(ValidationStatus.ERROR);
    assertThat(result.errors().get(0).location()).isEqualTo(file("from.toml") + ":11:1");
    assertThat(result.errors().get(0).message())
        .startsWith("[from] is not valid date math [now-9x]");
  }

  @Test
  void newTermsHistoryWindowMustStartBeforeFrom() throws IOException {
    String rule =
        toml("new_terms", "kuery", "from = \"now-9m\"", "query = 'process.name : dpkg'")
            + String.join(
                "\n",
                "",
                "[rule.new_terms]",
                "field = \"new_terms_fields\"",
                "value = [\"host.id\", \"process.parent.executabl\"]",
                "[[rule.new_terms.history_window_start]]",
                "field = \"history_window_start\"",
                "value = \"now-5m\"",
                "");
    ValidationResult result = validateOne("new_terms.toml", rule);
    assertThat(result.status()).isEqualTo(ValidationStatus.ERROR);
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.location()).isEqualTo(file("new_terms.toml") + ":19:1");
              assertThat(error.message())
                  .startsWith(
                      "History window size is smaller than rule interval + additional lookback,"
                          + " 'historyWindowStart' must be earlier than 'from'");
            });
    assertThat(result.warnings())
        .extracting(Diagnostic::message)
        .containsExactly(
            "Unknown field [process.parent.executabl] in [new_terms_fields], did you mean"
                + " [process.parent.executable]?");

    ValidationResult ok = validateOne("new_terms_ok.toml", rule.replace("now-5m", "now-14d"));
    assertThat(ok.status()).isEqualTo(ValidationStatus.OK);
  }

  @Test
  void thresholdChecks() throws IOException {
    String base = toml("threshold", "kuery", "", "query = 'event.outcome : failure'");
    ValidationResult tooMany =
        validateOne(
            "threshold.toml",
            base
                + "\n[rule.threshold]\nfield = [\"a.b\", \"c\", \"d\", \"e\", \"f\", \"g\"]\nvalue = 5\n");
    assertThat(tooMany.status()).isEqualTo(ValidationStatus.ERROR);
    assertThat(tooMany.errors())
        .extracting(Diagnostic::location, Diagnostic::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                file("threshold.toml") + ":15:1",
                "[threshold.field] Number of fields must be 5 or less, found 6"));

    ValidationResult cardinality =
        validateOne(
            "cardinality.toml",
            base
                + "\n[rule.threshold]\nfield = [\"source.ip\"]\nvalue = 5\n"
                + "[[rule.threshold.cardinality]]\nfield = \"source.ip\"\nvalue = 2\n");
    assertThat(cardinality.errors())
        .extracting(Diagnostic::message)
        .containsExactly(
            "[threshold.cardinality] Cardinality of a field that is being aggregated on is always"
                + " 1: [source.ip] is also a [threshold.field]");

    ValidationResult ok =
        validateOne(
            "threshold_ok.toml", base + "\n[rule.threshold]\nfield = [\"source.ip\"]\nvalue = 5\n");
    assertThat(ok.status()).isEqualTo(ValidationStatus.OK);
  }

  @Test
  void esqlAndMachineLearningAreUnsupported() throws IOException {
    ValidationResult esql =
        validateOne("esql.toml", toml("esql", "esql", "", "query = 'from logs-* | limit 1'"));
    assertThat(esql.status()).isEqualTo(ValidationStatus.UNSUPPORTED);
    assertThat(esql.message()).contains("ES|QL rules are not supported yet");

    String ml =
        toml("machine_learning", "kuery", "", "anomaly_threshold = 50")
                .replace("language = \"kuery\"\n", "")
            + "machine_learning_job_id = [\"v3_linux_anomalous_network_activity\"]\n";
    ValidationResult machineLearning = validateOne("ml.toml", ml);
    assertThat(machineLearning.status()).isEqualTo(ValidationStatus.UNSUPPORTED);
    assertThat(machineLearning.message().orElseThrow()).contains("anomaly detection jobs");
  }

  @Test
  void threatMatchChecksBothQueriesAndTheMapping() throws IOException {
    String rule =
        toml("threat_match", "kuery", "", "query = 'file.hash.sha256 : *'")
            + String.join(
                "\n",
                "threat_index = [\"logs-ti_*\"]",
                "threat_query = '@timestamp >= \"now-30d/d\" and event.module:(abusech or threatintel'",
                "threat_indicator_path = \"threat.indicator\"",
                "[[rule.threat_mapping]]",
                "[[rule.threat_mapping.entries]]",
                "field = \"file.hash.sha256\"",
                "type = \"mapping\"",
                "value = \"threat.indicator.file.hash.sha256\"",
                "");
    ValidationResult bad = validateOne("tm.toml", rule);
    assertThat(bad.status()).isEqualTo(ValidationStatus.ERROR);
    assertThat(bad.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(14));
    assertThat(bad.errors().get(0).column()).isEqualTo(83);

    ValidationResult ok = validateOne("tm_ok.toml", rule.replace("threatintel'", "threatintel)'"));
    assertThat(ok.status()).isEqualTo(ValidationStatus.OK);
  }

  @Test
  void badFiltersAreErrors() throws IOException {
    String rule =
        toml("query", "kuery", "", "query = 'process.name : bash'")
            + String.join(
                "\n",
                "",
                "[[rule.filters]]",
                "[rule.filters.meta]",
                "negate = false",
                "[rule.filters.query.range.\"process.pid\"]",
                "gte = \"not a number\"",
                "");
    ValidationResult result = validateOne("filters.toml", rule);
    assertThat(result.status()).isEqualTo(ValidationStatus.ERROR);
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.location()).isEqualTo(file("filters.toml") + ":14:1");
              assertThat(error.message()).startsWith("[filters] filter 1: ");
              assertThat(error.snippet()).isPresent();
            });
  }

  @Test
  void loadProblemsAreErrorResultsAndOtherRulesStillValidate() throws IOException {
    Files.writeString(file("a_bad.toml"), "[rule\nname = 1\n");
    Files.writeString(file("b_type.toml"), toml("sigma", "kuery", "", "query = 'a : b'"));
    Files.writeString(file("c_ok.toml"), toml("query", "kuery", "", "query = 'process.name : a'"));
    Files.writeString(
        file("d_missing.toml"),
        toml("query", "kuery", "", "query = 'a : b'").replace("name = \"Test rule\"\n", ""));
    ValidationReport report = validator.validate(List.of(dir));
    assertThat(report.results())
        .extracting(
            result -> result.file().getFileName().toString(),
            ValidationResult::status,
            ValidationResult::typeName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a_bad.toml", ValidationStatus.ERROR, "unknown"),
            org.assertj.core.groups.Tuple.tuple("b_type.toml", ValidationStatus.ERROR, "sigma"),
            org.assertj.core.groups.Tuple.tuple("c_ok.toml", ValidationStatus.OK, "query"),
            org.assertj.core.groups.Tuple.tuple("d_missing.toml", ValidationStatus.ERROR, "query"));
    assertThat(report.results().get(0).message().orElseThrow())
        .startsWith(file("a_bad.toml") + ":1:6: invalid TOML: ");
    assertThat(report.results().get(1).message().orElseThrow())
        .startsWith(file("b_type.toml") + ":9:1: unknown rule type [sigma]");
    assertThat(report.results().get(1).ruleId()).contains("00000000-0000-0000-0000-000000000001");
    assertThat(report.results().get(3).message().orElseThrow())
        .isEqualTo(file("d_missing.toml") + ":1:1: [name] is required");
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void kibanaExportRulesAreLocatedInTheirLine() throws IOException {
    Path export = file("export.ndjson");
    Files.writeString(
        export,
        String.join(
            "\n",
            "{\"rule_id\":\"r1\",\"name\":\"Good\",\"type\":\"query\",\"language\":\"kuery\","
                + "\"query\":\"process.name : bash\",\"risk_score\":1,\"severity\":\"low\"}",
            "{\"rule_id\":\"r2\",\"name\":\"Bad\",\"type\":\"query\",\"language\":\"kuery\","
                + "\"query\":\"process.name : \\\"bash\\\"\\nand (\",\"risk_score\":1,"
                + "\"severity\":\"low\"}",
            "{\"rule_id\":\"r3\",\"name\":\"No type\",\"type\":\"nope\",\"risk_score\":1}",
            "{\"exported_count\":3}",
            ""));
    ValidationReport report = validator.validate(List.of(export));
    assertThat(report.results())
        .extracting(ValidationResult::line, ValidationResult::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, ValidationStatus.OK),
            org.assertj.core.groups.Tuple.tuple(2, ValidationStatus.ERROR),
            org.assertj.core.groups.Tuple.tuple(3, ValidationStatus.ERROR));
    // query text "process.name : \"bash\"\nand (": the error is at the end, line 2 of the query;
    // in the file it is on line 2, after the JSON escapes \" \" and \n.
    Diagnostic error = report.results().get(1).errors().get(0);
    String line = Files.readAllLines(export).get(1);
    assertThat(error.line()).isEqualTo(2);
    assertThat(error.column()).isEqualTo(line.indexOf("\",\"risk_score") + 1);
    assertThat(error.snippet()).contains("and (\n     ^");
    assertThat(report.results().get(2).message().orElseThrow())
        .startsWith(export + ":3: unknown rule type [nope]");
  }

  @Test
  void rulesBuiltInMemoryFallBackToTheRecordedQueryPosition() throws IOException {
    Path file = file("gone.toml");
    Files.writeString(
        file, toml("query", "kuery", "", "query = '''\nprocess.name : a and\n  (b\n'''"));
    RuleLoader.Result loaded = RuleLoader.load(List.of(file));
    Files.delete(file);
    ValidationResult result =
        new RuleValidator(DefaultSchema.get()).validate(loaded.rules().get(0));
    assertThat(result.errors().get(0).location()).isEqualTo(file + ":15:1");
  }
}

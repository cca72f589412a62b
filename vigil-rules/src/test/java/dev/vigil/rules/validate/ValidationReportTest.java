package dev.vigil.rules.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidationReportTest {
  private static final Path FILE = Path.of("rules/a.toml");

  private static final ValidationResult OK =
      new ValidationResult(
          FILE,
          1,
          Optional.of("id-1"),
          Optional.of("Good"),
          Optional.of("eql"),
          ValidationStatus.OK,
          Optional.empty(),
          List.of(),
          List.of(
              new Diagnostic(
                  FILE, 14, 3, "Unknown column [proces.name]", Optional.of("snippet\n^"))));

  private static final ValidationResult UNSUPPORTED =
      new ValidationResult(
          Path.of("rules/b.toml"),
          1,
          Optional.of("id-2"),
          Optional.of("ES|QL"),
          Optional.of("esql"),
          ValidationStatus.UNSUPPORTED,
          Optional.of("ES|QL rules are not supported yet"),
          List.of(),
          List.of());

  private static final ValidationResult ERROR =
      new ValidationResult(
          Path.of("rules/c.toml"),
          0,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          ValidationStatus.ERROR,
          Optional.empty(),
          List.of(
              new Diagnostic(
                  Path.of("rules/c.toml"), 1, 6, "invalid TOML: oops", Optional.empty())),
          List.of());

  private final ValidationReport report = ValidationReport.of(List.of(OK, UNSUPPORTED, ERROR));

  @Test
  void jsonHasTheShapeIssueFiveSpecifies() throws Exception {
    JsonNode json = new JsonMapper().readTree(report.toJson());
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly("rules", "ok", "unsupported", "errors", "by_type", "results");
    assertThat(json.path("rules").asInt()).isEqualTo(3);
    assertThat(json.path("ok").asInt()).isEqualTo(1);
    assertThat(json.path("unsupported").asInt()).isEqualTo(1);
    assertThat(json.path("errors").asInt()).isEqualTo(1);
    assertThat(json.path("by_type").fieldNames())
        .toIterable()
        .containsExactly("eql", "esql", "unknown");
    assertThat(json.path("by_type").path("eql").toString())
        .isEqualTo("{\"total\":1,\"ok\":1,\"unsupported\":0,\"errors\":0}");
    JsonNode first = json.path("results").path(0);
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly("file", "rule_id", "name", "type", "status", "message", "warnings");
    assertThat(first.path("status").asText()).isEqualTo("ok");
    assertThat(first.path("message").isNull()).isTrue();
    assertThat(first.path("warnings").path(0).asText())
        .isEqualTo(Path.of("rules/a.toml") + ":14:3: Unknown column [proces.name]");
    assertThat(json.path("results").path(1).path("message").asText())
        .isEqualTo("ES|QL rules are not supported yet");
    JsonNode error = json.path("results").path(2);
    assertThat(error.path("status").asText()).isEqualTo("error");
    assertThat(error.path("rule_id").isNull()).isTrue();
    assertThat(error.path("message").asText())
        .isEqualTo(Path.of("rules/c.toml") + ":1:6: invalid TOML: oops");
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void textShowsNonOkRulesAndASummary() {
    assertThat(report.toText(false))
        .isEqualTo(
            "unsupported: "
                + Path.of("rules/b.toml")
                + ":1: ES|QL (id-2): ES|QL rules are not supported yet\n"
                + "error: "
                + Path.of("rules/c.toml")
                + ":1:6: (unnamed rule): invalid TOML: oops\n"
                + "3 rules: 1 ok, 1 unsupported, 1 error; 1 warning (shown with --verbose)\n"
                + "  eql: 1 (1 ok, 0 unsupported, 0 errors)\n"
                + "  esql: 1 (0 ok, 1 unsupported, 0 errors)\n"
                + "  unknown: 1 (0 ok, 0 unsupported, 1 error)\n");
    assertThat(report.toText(true))
        .startsWith(
            "ok: "
                + FILE
                + ":1: Good (id-1)\nwarning: "
                + FILE
                + ":14:3: Unknown column [proces.name]\n");
  }

  @Test
  void errorMessagesCarryTheSnippet() {
    ValidationResult result =
        new ValidationResult(
            FILE,
            1,
            Optional.of("id"),
            Optional.of("Bad"),
            Optional.of("query"),
            ValidationStatus.ERROR,
            Optional.empty(),
            List.of(new Diagnostic(FILE, 13, 5, "Expected value", Optional.of("a : (\n    ^"))),
            List.of());
    assertThat(result.message()).contains(FILE + ":13:5: Expected value\na : (\n    ^");
    assertThat(ValidationReport.of(List.of(result)).toText(false))
        .startsWith("error: " + FILE + ":13:5: Bad (id): Expected value\n    a : (\n        ^\n");
  }
}

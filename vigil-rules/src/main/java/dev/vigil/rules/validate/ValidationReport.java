package dev.vigil.rules.validate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of validating a set of rule files: one {@link ValidationResult} per rule (or per file
 * that did not load), in the order the files were loaded, and their {@link ValidationSummary}.
 * Renders itself for {@code vigil validate} as JSON ({@link #toJson()}) or as text ({@link
 * #toText(boolean)}). Immutable.
 */
public record ValidationReport(List<ValidationResult> results, ValidationSummary summary) {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public ValidationReport {
    results = List.copyOf(results);
    requireNonNull(summary, "summary is null");
  }

  /** A report of {@code results}, counted. */
  public static ValidationReport of(List<ValidationResult> results) {
    return new ValidationReport(results, ValidationSummary.of(results));
  }

  /** True when some rule is an error: {@code vigil validate} then exits with 1. */
  public boolean hasErrors() {
    return summary.all().errors() > 0;
  }

  /**
   * The report as issue 5 specifies it for {@code vigil validate --format json}: {@code {"rules",
   * "ok", "unsupported", "errors", "by_type": {type: {"total", "ok", "unsupported", "errors"}},
   * "results": [{"file", "rule_id", "name", "type", "status", "message", "warnings"}]}}. Unknown
   * values are {@code null}; {@code message} is null for ok rules, the reason for unsupported ones
   * and the rendered errors (location, message, caret snippet) for errors; each warning is {@code
   * location: message}.
   */
  public ObjectNode toJsonTree() {
    ObjectNode root = JSON.createObjectNode();
    ValidationSummary.Counts all = summary.all();
    root.put("rules", all.total());
    root.put("ok", all.ok());
    root.put("unsupported", all.unsupported());
    root.put("errors", all.errors());
    ObjectNode byType = root.putObject("by_type");
    for (Map.Entry<String, ValidationSummary.Counts> entry : summary.byType().entrySet()) {
      ObjectNode counts = byType.putObject(entry.getKey());
      counts.put("total", entry.getValue().total());
      counts.put("ok", entry.getValue().ok());
      counts.put("unsupported", entry.getValue().unsupported());
      counts.put("errors", entry.getValue().errors());
    }
    ArrayNode array = root.putArray("results");
    for (ValidationResult result : results) {
      ObjectNode node = array.addObject();
      node.put("file", result.file().toString());
      putOptional(node, "rule_id", result.ruleId());
      putOptional(node, "name", result.name());
      putOptional(node, "type", result.type());
      node.put("status", result.status().reportName());
      putOptional(node, "message", result.message());
      ArrayNode warnings = node.putArray("warnings");
      for (Diagnostic warning : result.warnings()) {
        warnings.add(warning.location() + ": " + warning.message());
      }
    }
    return root;
  }

  /** {@link #toJsonTree()} as indented JSON text. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(toJsonTree());
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serializes; reaching this is a bug.
      throw new UncheckedIOException(e);
    }
  }

  private static void putOptional(ObjectNode node, String key, Optional<String> value) {
    if (value.isPresent()) {
      node.put(key, value.get());
    } else {
      node.putNull(key);
    }
  }

  /**
   * The report as text: for each rule that is not ok, a line {@code status: location: name
   * (rule_id): message} (errors followed by their caret snippets, indented); ok rules and all
   * warnings only when {@code verbose}; then a summary line and one line per type.
   */
  public String toText(boolean verbose) {
    StringBuilder out = new StringBuilder();
    int warningCount = 0;
    for (ValidationResult result : results) {
      warningCount += result.warnings().size();
      if (result.status() == ValidationStatus.ERROR) {
        for (Diagnostic error : result.errors()) {
          out.append("error: ")
              .append(error.location())
              .append(": ")
              .append(describe(result))
              .append(": ")
              .append(error.message())
              .append('\n');
          error.snippet().ifPresent(snippet -> out.append(indent(snippet)).append('\n'));
        }
      } else if (result.status() == ValidationStatus.UNSUPPORTED) {
        out.append("unsupported: ")
            .append(location(result))
            .append(": ")
            .append(describe(result))
            .append(": ")
            .append(result.reason().orElseThrow())
            .append('\n');
      } else if (verbose) {
        out.append("ok: ").append(location(result)).append(": ").append(describe(result));
        out.append('\n');
      }
      if (verbose) {
        for (Diagnostic warning : result.warnings()) {
          out.append("warning: ").append(warning.location()).append(": ");
          out.append(warning.message()).append('\n');
        }
      }
    }
    ValidationSummary.Counts all = summary.all();
    out.append(all.total())
        .append(all.total() == 1 ? " rule: " : " rules: ")
        .append(counts(all))
        .append("; ")
        .append(warningCount)
        .append(warningCount == 1 ? " warning" : " warnings")
        .append(verbose || warningCount == 0 ? "" : " (shown with --verbose)")
        .append('\n');
    for (Map.Entry<String, ValidationSummary.Counts> entry : summary.byType().entrySet()) {
      out.append("  ")
          .append(entry.getKey())
          .append(": ")
          .append(entry.getValue().total())
          .append(" (")
          .append(counts(entry.getValue()))
          .append(")\n");
    }
    return out.toString();
  }

  private static String counts(ValidationSummary.Counts counts) {
    return counts.ok()
        + " ok, "
        + counts.unsupported()
        + " unsupported, "
        + counts.errors()
        + (counts.errors() == 1 ? " error" : " errors");
  }

  private static String location(ValidationResult result) {
    return result.line() > 0 ? result.file() + ":" + result.line() : result.file().toString();
  }

  private static String describe(ValidationResult result) {
    String name = result.name().orElse("(unnamed rule)");
    return result.ruleId().map(id -> name + " (" + id + ")").orElse(name);
  }

  private static String indent(String text) {
    return "    " + text.replace("\n", "\n    ");
  }
}

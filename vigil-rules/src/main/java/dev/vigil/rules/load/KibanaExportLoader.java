package dev.vigil.rules.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.rules.model.RuleSource;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the rules of a Kibana export (ndjson): one JSON object per line, rules first, then the
 * exception lists and items they reference, action connectors, and a closing summary line. Rules
 * are the lines with a {@code rule_id} and a {@code type}, exception items those with an {@code
 * item_id} and {@code entries}; list containers, connectors and the summary carry nothing a rule's
 * execution needs.
 */
final class KibanaExportLoader {
  private static final JsonMapper JSON = new JsonMapper();

  private KibanaExportLoader() {}

  static void load(String text, Path file, RuleLoader.Result.Builder result) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      int lineNumber = i + 1;
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        int column = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getColumnNr());
        result.problem(
            RuleLoadException.at(
                file, lineNumber, column, "invalid JSON: " + firstLine(e.getOriginalMessage())));
        continue;
      }
      if (node.isObject() && node.has("item_id") && node.has("entries")) {
        String location = file + ":" + lineNumber;
        RuleLoader.catching(
            // The reader's messages start with the location; keep it apart for reports.
            problem ->
                result.problem(
                    RuleLoadException.at(
                        file,
                        lineNumber,
                        0,
                        problem.getMessage().startsWith(location + ": ")
                            ? problem.getMessage().substring(location.length() + 2)
                            : problem.getMessage())),
            () -> result.exceptionItem(ExceptionItemReader.read(node, location)));
        continue;
      }
      if (!node.isObject() || !node.has("rule_id") || !node.has("type")) {
        continue;
      }
      RuleLoader.catching(
          result::problem,
          () ->
              result.rule(
                  RuleReader.read(
                      node, new RuleSource(file, lineNumber, Optional.empty(), Optional.empty()))));
    }
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

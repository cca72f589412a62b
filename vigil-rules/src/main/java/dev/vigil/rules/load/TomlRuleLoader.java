package dev.vigil.rules.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.RuleSource;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a rule from the detection-rules repository's TOML format: {@code [metadata]} (not used at
 * run time) and {@code [rule]} in Kibana's API field names, except that new_terms parameters are
 * written as {@code [rule.new_terms] value = [...]} with a nested {@code history_window_start}
 * table, which is converted here as the repository's build does.
 */
final class TomlRuleLoader {
  private static final TomlMapper TOML = new TomlMapper();

  /** A query assignment at the start of a line, with its opening quote. */
  private static final Pattern QUERY_START =
      Pattern.compile("(?m)^query\\s*=\\s*('''|\"\"\"|'|\")(\\r?\\n)?");

  private static final Pattern RULE_TABLE = Pattern.compile("(?m)^\\[rule\\]");

  private TomlRuleLoader() {}

  static Rule load(String text, java.nio.file.Path file) {
    JsonNode document;
    try {
      document = TOML.readTree(text);
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      int newline = message.indexOf('\n');
      message = newline < 0 ? message : message.substring(0, newline);
      int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      int column = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getColumnNr());
      throw RuleLoadException.at(file, line, line > 0 ? column : 0, "invalid TOML: " + message);
    }
    JsonNode rule = document.get("rule");
    if (!(rule instanceof ObjectNode ruleObject)) {
      throw RuleLoadException.at(file, 0, 0, "no [rule] table: not a detection-rules rule file");
    }
    ObjectNode apiRule = ruleObject.deepCopy();
    JsonNode newTerms = apiRule.remove("new_terms");
    if (newTerms != null) {
      apiRule.set("new_terms_fields", newTerms.path("value"));
      JsonNode history = newTerms.path("history_window_start");
      JsonNode first = history.isArray() ? history.path(0) : history;
      if (first.has("value")) {
        apiRule.set("history_window_start", first.get("value"));
      }
    }
    return RuleReader.read(apiRule, source(text, file), key -> TomlKeys.locate(text, key));
  }

  /** Finds where the query's text starts, for {@code file:line:column} positions inside it. */
  private static RuleSource source(String text, java.nio.file.Path file) {
    Matcher table = RULE_TABLE.matcher(text);
    Matcher matcher = QUERY_START.matcher(text);
    if (table.find() && matcher.find(table.end())) {
      int start = matcher.end();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < start; i++) {
        if (text.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return new RuleSource(file, 1, Optional.of(line), Optional.of(start - lineStart + 1));
    }
    return new RuleSource(file, 1, Optional.empty(), Optional.empty());
  }
}

package dev.vigil.rules.load;

import java.util.Map;
import java.util.Optional;

/**
 * Finds where a key of a detection-rules TOML file's {@code [rule]} table is written, so that a
 * problem with the key's value is reported at {@code file:line:column} rather than at the top of
 * the file.
 *
 * <p>A line scan, not a TOML parser: it follows table headers ({@code [rule]}, {@code
 * [rule.threshold]}, {@code [[rule.threat]]}) and skips the bodies of multi-line strings, whose
 * lines may start with {@code [} (markdown links in {@code note}). Good enough for locating; the
 * document itself was already parsed by Jackson. Stateless.
 */
public final class TomlKeys {
  private TomlKeys() {}

  /**
   * Keys of Kibana's API shape that the TOML format writes elsewhere: new_terms parameters live in
   * {@code [rule.new_terms]} as {@code value} (detection-rules {@code NewTermsRuleData}).
   */
  private static final Map<String, String> RENAMED =
      Map.of(
          "new_terms_fields", "new_terms.value",
          "history_window_start", "new_terms.history_window_start.value");

  /**
   * The position of {@code key} (dotted for sub-tables, e.g. {@code threshold.value}) in the {@code
   * [rule]} table; when the key is not written, the header of its innermost table that is, else
   * empty.
   */
  public static Optional<KeyPosition> locate(String text, String key) {
    String path = "rule." + RENAMED.getOrDefault(key, key);
    int dot = path.lastIndexOf('.');
    String table = path.substring(0, dot);
    String name = path.substring(dot + 1);
    String[] lines = text.split("\n", -1);
    String currentTable = "";
    String openString = null;
    KeyPosition bestHeader = null;
    int bestHeaderDepth = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (openString != null) {
        if (countOf(line, openString) % 2 == 1) {
          openString = null;
        }
        continue;
      }
      String trimmed = line.strip();
      int indent = line.indexOf(trimmed.isEmpty() ? " " : trimmed.substring(0, 1));
      if (trimmed.startsWith("[")) {
        currentTable = trimmed.replaceAll("^\\[+\\s*|\\s*\\]+.*$", "");
        if (currentTable.equals(path)) {
          // The key is itself a table or array of tables ([[rule.filters]]): its first header.
          return Optional.of(new KeyPosition(i + 1, indent + 1));
        }
        if (table.equals(currentTable) || table.startsWith(currentTable + ".")) {
          int depth = currentTable.length();
          if (depth > bestHeaderDepth) {
            bestHeaderDepth = depth;
            bestHeader = new KeyPosition(i + 1, indent + 1);
          }
        }
        continue;
      }
      if (currentTable.equals(table) && startsWithKey(trimmed, name)) {
        return Optional.of(new KeyPosition(i + 1, indent + 1));
      }
      openString = openedMultiLineString(line);
    }
    return Optional.ofNullable(bestHeader);
  }

  private static boolean startsWithKey(String line, String name) {
    if (!line.startsWith(name)) {
      return false;
    }
    String rest = line.substring(name.length()).stripLeading();
    return rest.startsWith("=");
  }

  /** The delimiter of a multi-line string this line opens and does not close, else null. */
  private static String openedMultiLineString(String line) {
    for (String delimiter : new String[] {"'''", "\"\"\""}) {
      if (countOf(line, delimiter) % 2 == 1) {
        return delimiter;
      }
    }
    return null;
  }

  private static int countOf(String line, String delimiter) {
    int count = 0;
    for (int at = line.indexOf(delimiter); at >= 0; at = line.indexOf(delimiter, at + 3)) {
      count++;
    }
    return count;
  }
}

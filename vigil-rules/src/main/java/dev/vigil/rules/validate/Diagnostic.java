package dev.vigil.rules.validate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One error or warning about a rule, located in the rule's file.
 *
 * @param file the rule's file
 * @param line 1-based line in the file, 0 when unknown
 * @param column 1-based column in the file, 0 when unknown (or when {@code line} is)
 * @param message what is wrong; user values in [brackets]
 * @param snippet the offending line of the query (or filter) with a caret line under the problem
 */
public record Diagnostic(
    Path file, int line, int column, String message, Optional<String> snippet) {

  public Diagnostic {
    requireNonNull(file, "file is null");
    requireNonNull(message, "message is null");
    requireNonNull(snippet, "snippet is null");
    if (line < 0 || column < 0 || (line == 0 && column != 0)) {
      throw new IllegalArgumentException("invalid position " + line + ":" + column);
    }
  }

  /** {@code file}, {@code file:line} or {@code file:line:column}, as much as is known. */
  public String location() {
    if (line == 0) {
      return file.toString();
    }
    return file + ":" + line + (column == 0 ? "" : ":" + column);
  }

  /** {@code location: message}, then the snippet's lines when there is one. */
  public String render() {
    return location() + ": " + message + snippet.map(text -> "\n" + text).orElse("");
  }
}

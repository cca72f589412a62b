package dev.vigil.rules.model;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a rule came from: its file, the line its definition starts on (1 for a TOML file, the
 * ndjson line for an export), and where its query text starts in the file, so that problems inside
 * the query can be reported as {@code file:line:column}.
 *
 * @param queryLine 1-based line of the query's first character, when known
 * @param queryColumn 1-based column of the query's first character, when known
 */
public record RuleSource(
    Path file, int line, Optional<Integer> queryLine, Optional<Integer> queryColumn) {
  public RuleSource {
    requireNonNull(file, "file is null");
    requireNonNull(queryLine, "queryLine is null");
    requireNonNull(queryColumn, "queryColumn is null");
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}

package dev.vigil.rules.load;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A rule file, or one rule in it, cannot be loaded. The message starts with the location ({@code
 * file}, {@code file:line} or {@code file:line:column}) and says what is wrong; other rules still
 * load.
 *
 * <p>Besides the message, the parts are kept apart ({@link #file()}, {@link #line()}, {@link
 * #column()}, {@link #detail()}, and what is known of the rule: {@link #ruleId()}, {@link
 * #ruleName()}, {@link #ruleType()}) so that a validation report can show the failure as the result
 * of that file or rule.
 */
public final class RuleLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  // Path is not Serializable; nobody serializes these exceptions, the field only travels in memory.
  private final transient Path file;
  private final int line;
  private final int column;
  private final String detail;
  private final String ruleId;
  private final String ruleName;
  private final String ruleType;

  /** A problem known only by its message (the location, if any, is part of the text). */
  public RuleLoadException(String message) {
    super(message, null, false, false);
    this.file = null;
    this.line = 0;
    this.column = 0;
    this.detail = message;
    this.ruleId = null;
    this.ruleName = null;
    this.ruleType = null;
  }

  private RuleLoadException(
      Path file,
      int line,
      int column,
      String detail,
      String ruleId,
      String ruleName,
      String ruleType) {
    super(message(file, line, column, detail, ruleId), null, false, false);
    this.file = file;
    this.line = line;
    this.column = column;
    this.detail = detail;
    this.ruleId = ruleId;
    this.ruleName = ruleName;
    this.ruleType = ruleType;
  }

  /**
   * A problem at {@code file:line:column}; {@code line} and {@code column} are 1-based, 0 when
   * unknown.
   */
  public static RuleLoadException at(Path file, int line, int column, String detail) {
    return new RuleLoadException(file, line, column, detail, null, null, null);
  }

  /** This problem attributed to a rule, by what could be read of it (each may be null). */
  RuleLoadException forRule(String id, String name, String type) {
    return new RuleLoadException(file, line, column, detail, id, name, type);
  }

  /** This problem moved to another line and column of the same file. */
  RuleLoadException movedTo(int newLine, int newColumn) {
    return new RuleLoadException(file, newLine, newColumn, detail, ruleId, ruleName, ruleType);
  }

  private static String message(Path file, int line, int column, String detail, String ruleId) {
    StringBuilder out = new StringBuilder().append(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    out.append(": ");
    if (ruleId != null && !ruleId.isEmpty()) {
      out.append("rule ").append(ruleId).append(": ");
    }
    return out.append(detail).toString();
  }

  /** The file the problem is in, when known. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** 1-based line of the problem, 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column of the problem, 0 when unknown. */
  public int column() {
    return column;
  }

  /** What is wrong, without the location. */
  public String detail() {
    return detail;
  }

  /** The {@code rule_id} of the rule that failed, when it could be read. */
  public Optional<String> ruleId() {
    return Optional.ofNullable(ruleId).filter(id -> !id.isEmpty());
  }

  /** The {@code name} of the rule that failed, when it could be read. */
  public Optional<String> ruleName() {
    return Optional.ofNullable(ruleName).filter(name -> !name.isEmpty());
  }

  /** The {@code type} of the rule that failed as written, when it could be read. */
  public Optional<String> ruleType() {
    return Optional.ofNullable(ruleType).filter(type -> !type.isEmpty());
  }
}

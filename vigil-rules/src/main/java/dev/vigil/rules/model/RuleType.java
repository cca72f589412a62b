package dev.vigil.rules.model;

import java.util.Locale;
import java.util.Optional;

/** The detection engine's rule types, by the names rule files use. */
public enum RuleType {
  QUERY,
  SAVED_QUERY,
  EQL,
  NEW_TERMS,
  THRESHOLD,
  THREAT_MATCH,
  ESQL,
  MACHINE_LEARNING;

  public static Optional<RuleType> fromName(String name) {
    for (RuleType type : values()) {
      if (type.ruleName().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** The name rule files use, e.g. {@code new_terms}. */
  public String ruleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** All names, for "expected one of" messages. */
  public static String names() {
    StringBuilder out = new StringBuilder();
    for (RuleType type : values()) {
      out.append(out.length() == 0 ? "" : ", ").append(type.ruleName());
    }
    return out.toString();
  }
}

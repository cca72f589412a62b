package dev.vigil.rules.validate;

import java.util.Locale;

/** The verdict on one rule (or one file that failed to load). */
public enum ValidationStatus {
  /** The rule loads, and its queries and filters parse and analyze; warnings may remain. */
  OK,
  /** The rule is well formed but of a type Vigil does not run (esql, machine_learning). */
  UNSUPPORTED,
  /** The rule cannot load, or Kibana or Elasticsearch would reject it. */
  ERROR;

  /** The name reports use: {@code ok}, {@code unsupported} or {@code error}. */
  public String reportName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

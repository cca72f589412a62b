package dev.vigil.core.explain;

/**
 * The value of one clause for one event in an {@link ExplainNode}: EQL's three-valued logic, where
 * {@link #NULL} (unknown, e.g. a comparison on a missing field) never matches. KQL, Lucene and the
 * query DSL are two-valued and only produce {@link #TRUE} and {@link #FALSE}.
 */
public enum Truth {
  TRUE("[+]"),
  FALSE("[-]"),
  NULL("[?]");

  private final String marker;

  Truth(String marker) {
    this.marker = marker;
  }

  /**
   * The ASCII marker {@link ExplainNode#render()} draws: {@code [+]}, {@code [-]} or {@code [?]}.
   */
  public String marker() {
    return marker;
  }

  public static Truth of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /**
   * The truth of a three-valued evaluator's result (EQL's compiled conditions): {@link
   * Boolean#TRUE}, {@link Boolean#FALSE} or null; any other value (a non-boolean condition of
   * dynamic type) does not match, like null.
   */
  public static Truth ofResult(Object result) {
    if (result == Boolean.TRUE) {
      return TRUE;
    }
    return result == Boolean.FALSE ? FALSE : NULL;
  }
}

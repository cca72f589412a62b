package dev.vigil.kql.explain;

/**
 * The value of one clause for one event in an {@link ExplainNode}. KQL, Lucene and the query DSL
 * are two-valued and only produce {@link #TRUE} and {@link #FALSE}; {@link #NULL} exists so that
 * this enum is the same as vigil-eql's ({@code dev.vigil.eql.explain.Truth}), whose three-valued
 * logic needs it, and the command line renders both languages alike.
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
}

package dev.vigil.engine.hunt;

import dev.vigil.engine.alert.AlertBuilder.Execution;

/** The texts of the warnings a hunt gives. */
final class Warnings {
  private Warnings() {}

  /**
   * Kibana only says "This rule reached the maximum alert limit for the rule execution. Some alerts
   * were not created."; Vigil also says when and how many.
   */
  static String maxSignals(Execution execution, int budget, int leftOut) {
    return "execution at "
        + execution.startedAt()
        + " reached max_signals ("
        + budget
        + "); "
        + leftOut
        + (leftOut == 1 ? " more alert was" : " more alerts were")
        + " not created";
  }

  /**
   * A suppressing query rule found more groups than {@code max_signals}: Kibana writes the one
   * composite page it asked for ({@code max_signals + 1} groups) and warns.
   */
  static String maxSignalsGroups(Execution execution, int budget, int groups, int alerted) {
    return "execution at "
        + execution.startedAt()
        + " reached max_signals ("
        + budget
        + ") with "
        + groups
        + " suppression groups; "
        + (groups - alerted)
        + (groups - alerted == 1 ? " group was" : " groups were")
        + " neither alerted nor suppressed";
  }

  /** Kibana: "... Some alerts were not created or suppressed." */
  static String maxSignalsSuppressed(Execution execution, int budget, int leftOut) {
    return "execution at "
        + execution.startedAt()
        + " reached max_signals ("
        + budget
        + "); "
        + leftOut
        + (leftOut == 1 ? " more alert was" : " more alerts were")
        + " neither created nor suppressed";
  }
}

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
}

package dev.vigil.engine.hunt;

import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import java.util.List;

/**
 * Runs one rule's executions in time order, keeping the state Kibana keeps between them (alert ids
 * already written, threshold history). One instance per rule per hunt.
 */
interface RuleExecutor {

  /** The new alerts of one execution, in the order Kibana would write them. */
  List<Alert> execute(Execution execution);
}

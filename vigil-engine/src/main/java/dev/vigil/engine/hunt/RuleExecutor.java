package dev.vigil.engine.hunt;

import dev.vigil.engine.alert.AlertBuilder.Execution;
import java.util.List;

/**
 * Runs one rule's executions in time order, keeping the state Kibana keeps between them (threshold
 * history, suppression bucket history, open suppressed alerts; the ids already written are the
 * {@link RuleRun}'s). One instance per rule per hunt.
 */
interface RuleExecutor {

  /**
   * What one execution writes to the alerts index, in order: new alerts, and updates of alerts an
   * earlier execution wrote (suppression only).
   */
  List<AlertWrite> execute(Execution execution);
}

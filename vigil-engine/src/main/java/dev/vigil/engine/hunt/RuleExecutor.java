package dev.vigil.engine.hunt;

import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.source.Timeline;
import java.util.List;

/**
 * Runs one rule's executions in time order, keeping the state Kibana keeps between them (threshold
 * history, suppression bucket history, open suppressed alerts, new_terms appearances; the ids
 * already written are the {@link RuleRun}'s). One instance per rule per hunt.
 */
interface RuleExecutor {

  /**
   * Told of the rule's events as they become searchable (in search order, after all earlier ones),
   * before any execution whose window holds them; returns those of them no execution can use, for
   * the timeline to forget. new_terms keeps history from them; an EQL sequence tells which can join
   * no sequence; other executors answer only from windows and forget none.
   */
  default List<Timeline.Timed> admit(List<Timeline.Timed> released) {
    return List.of();
  }

  /**
   * What one execution writes to the alerts index, in order: new alerts, and updates of alerts an
   * earlier execution wrote (suppression only).
   */
  List<AlertWrite> execute(Execution execution);
}

package dev.vigil.engine.hunt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.engine.alert.AlertBuilder;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.alert.AlertIds;
import dev.vigil.engine.source.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * query rules (engine-semantics.md §3.1): the matching events of the window in timestamp order, one
 * alert each; events already alerted by an earlier execution are skipped without using the {@code
 * max_signals} budget, as Kibana's duplicate filter does. Also the path of the events a suppressing
 * query rule does not suppress ({@code doNotSuppress} and a missing group-by field, §6.5). Owns no
 * state of its own (the ids written are the {@link RuleRun}'s).
 */
final class QueryExecutor implements RuleExecutor {
  private final RuleRun run;
  private final Timeline matching;
  private final Predicate<Timeline.Timed> eligible;

  QueryExecutor(RuleRun run, Timeline matching) {
    this(run, matching, timed -> true);
  }

  /** Only the window's events that pass {@code eligible} are alerted. */
  QueryExecutor(RuleRun run, Timeline matching, Predicate<Timeline.Timed> eligible) {
    this.run = run;
    this.matching = matching;
    this.eligible = eligible;
  }

  @Override
  public List<AlertWrite> execute(Execution execution) {
    List<AlertWrite> alerts = new ArrayList<>();
    int budget = run.rule.schedule().maxSignals();
    int leftOut = 0;
    for (Timeline.Timed timed : run.window(matching, execution)) {
      if (!eligible.test(timed)) {
        continue;
      }
      RuleRun.Identity identity = run.identity(timed.event());
      String id =
          AlertIds.eventAlertId(identity.index(), identity.id(), run.spaceId, run.ruleObjectId);
      if (run.isWritten(id)) {
        continue;
      }
      if (alerts.size() == budget) {
        leftOut++;
        continue;
      }
      run.markWritten(id);
      alerts.add(
          new AlertWrite.Create(
              run.alerts.eventAlert(
                  id,
                  timed.event().source(),
                  new AlertBuilder.Parent(identity.id(), identity.index()),
                  execution,
                  JsonNodeFactory.instance.objectNode())));
    }
    if (leftOut > 0) {
      run.warn(Warnings.maxSignals(execution, budget, leftOut));
    }
    return alerts;
  }
}

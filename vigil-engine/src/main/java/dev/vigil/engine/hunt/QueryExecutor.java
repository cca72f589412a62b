package dev.vigil.engine.hunt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertBuilder;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.alert.AlertIds;
import dev.vigil.engine.source.Timeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * query rules (engine-semantics.md §3.1): the matching events of the window in timestamp order, one
 * alert each; events already alerted by an earlier execution are skipped without using the {@code
 * max_signals} budget, as Kibana's duplicate filter does.
 */
final class QueryExecutor implements RuleExecutor {
  private final RuleRun run;
  private final Timeline matching;
  private final Set<String> written = new HashSet<>();

  QueryExecutor(RuleRun run, Timeline matching) {
    this.run = run;
    this.matching = matching;
  }

  @Override
  public List<Alert> execute(Execution execution) {
    List<Alert> alerts = new ArrayList<>();
    int budget = run.rule.schedule().maxSignals();
    int leftOut = 0;
    for (Timeline.Timed timed : run.window(matching, execution)) {
      RuleRun.Identity identity = run.identity(timed.event());
      String id =
          AlertIds.eventAlertId(identity.index(), identity.id(), run.spaceId, run.ruleObjectId);
      if (written.contains(id)) {
        continue;
      }
      if (alerts.size() == budget) {
        leftOut++;
        continue;
      }
      written.add(id);
      alerts.add(
          run.alerts.eventAlert(
              id,
              timed.event().source(),
              new AlertBuilder.Parent(identity.id(), identity.index()),
              execution,
              JsonNodeFactory.instance.objectNode()));
    }
    if (leftOut > 0) {
      run.warn(Warnings.maxSignals(execution, budget, leftOut));
    }
    return alerts;
  }
}

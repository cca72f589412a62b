package dev.vigil.engine.hunt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.core.event.Event;
import dev.vigil.engine.alert.AlertBuilder;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.alert.AlertIds;
import dev.vigil.engine.source.EventIdentity;
import dev.vigil.engine.source.Timeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * query rules (engine-semantics.md §3.1): the matching events of the window in timestamp order, one
 * alert each; events already alerted by an earlier execution are skipped without using the {@code
 * max_signals} budget, as Kibana's duplicate filter does. Also the path of the events a suppressing
 * query rule does not suppress ({@code doNotSuppress} and a missing group-by field, §6.5). The ids
 * written are the {@link RuleRun}'s; it keeps what lets it count the events {@code max_signals}
 * left out without deriving their ids.
 */
final class QueryExecutor implements RuleExecutor {
  private final RuleRun run;
  private final Timeline matching;
  private final Predicate<Timeline.Timed> eligible;
  // the index and @timestamp of the events alerted on whose ids were derived, and whether any
  // alerted event had an id of its own; see mayHaveAlerted
  private final Set<List<Object>> alertedSources = new HashSet<>();
  private boolean alertedGivenIds;

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
      if (alerts.size() == budget && !mayHaveAlerted(timed.event())) {
        // left out for certain, counted without deriving its id (a hash of its whole source)
        leftOut++;
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
      remember(timed.event());
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

  /**
   * Notes an event this executor alerted on. Its alert id derives from the event's index and id,
   * and an id Vigil derives is a hash of the source; two events with the same source have the same
   * index and {@code @timestamp}, which are cheap to read.
   */
  private void remember(Event event) {
    if (event.id().isPresent()) {
      alertedGivenIds = true;
    } else {
      alertedSources.add(sourceTraits(event));
    }
  }

  /**
   * False only when no event alerted so far can have {@code event}'s alert id: the event's id is
   * derived, every alerted event's id was too, and none shares its index and {@code @timestamp}.
   */
  private boolean mayHaveAlerted(Event event) {
    return alertedGivenIds
        || event.id().isPresent()
        || alertedSources.contains(sourceTraits(event));
  }

  private static List<Object> sourceTraits(Event event) {
    return List.of(EventIdentity.index(event), event.values("@timestamp"));
  }
}

package dev.vigil.engine.hunt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.time.DateMath;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertBuilder;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.alert.AlertIds;
import dev.vigil.engine.source.Timeline;
import dev.vigil.rules.model.TypeParameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * new_terms rules (engine-semantics.md §3.4): a value (or combination of values of 2–3 fields, each
 * array element judged on its own) is new when its first appearance among the rule's matching
 * events in {@code [history_window_start, to]} is strictly after the window's {@code from}. Each
 * new value alerts once, on the earliest event of the window that has it; events missing a field
 * are ignored.
 *
 * <p>First appearances are answered from a per-combination sorted list of times, filled as the hunt
 * releases events, instead of Kibana's aggregation round trips; the answers are the same. A time at
 * or before the {@code from} of an execution that ran is needed only while it is the latest such
 * time of its combination (windows and history starts only move forward), so the others are dropped
 * and a list holds one time plus those of recent events. With alert suppression the new-value
 * alerts are suppressed in memory ({@link InMemorySuppression}), in chunks of 5 × {@code
 * max_signals} until the execution has created {@code max_signals} alerts or created and suppressed
 * 5 × {@code max_signals}.
 *
 * <p>Owns the combinations' appearance times, and the suppression state if any.
 */
final class NewTermsExecutor implements RuleExecutor {
  private final RuleRun run;
  private final Timeline matching;
  private final TypeParameters.NewTerms parameters;
  private final TermValues terms;
  private final Map<List<Object>, List<Instant>> appearances = new HashMap<>();
  private final Optional<InMemorySuppression> suppression;
  // the from of the last execution that ran: no later window or history starts before it
  private Instant settled = Instant.MIN;

  NewTermsExecutor(RuleRun run, Timeline matching, TermValues terms) {
    this.run = run;
    this.matching = matching;
    this.parameters = (TypeParameters.NewTerms) run.rule.parameters();
    this.terms = terms;
    this.suppression =
        run.rule.alertSuppression().map(config -> new InMemorySuppression(run, terms));
  }

  @Override
  public List<Timeline.Timed> admit(List<Timeline.Timed> released) {
    for (Timeline.Timed timed : released) {
      for (List<Object> combination : terms.combinations(timed.event(), parameters.fields())) {
        List<Instant> times = appearances.computeIfAbsent(combination, key -> new ArrayList<>());
        int at = insertionPoint(times, timed.time());
        times.add(at, timed.time());
        // Keep one time at or before settled: a history start and a from that take in an older
        // one take in the newer one too.
        int redundant = insertionPoint(times, settled) - 1;
        if (redundant > 0) {
          times.subList(0, redundant).clear();
        }
      }
    }
    // a new_terms alert is an event of its window: every event may become one
    return List.of();
  }

  @Override
  public List<AlertWrite> execute(Execution execution) {
    settled = execution.from();
    Instant historyStart = DateMath.evaluate(parameters.historyWindowStart(), execution.to());
    if (!historyStart.isBefore(execution.from())) {
      run.warn(
          "history_window_start ["
              + parameters.historyWindowStart()
              + "] is not earlier than the rule's look-back; the execution at "
              + execution.startedAt()
              + " is skipped");
      return List.of();
    }
    // The earliest event of the window for each combination seen in it.
    Map<List<Object>, Timeline.Timed> earliest = new LinkedHashMap<>();
    for (Timeline.Timed timed : run.window(matching, execution)) {
      for (List<Object> combination : terms.combinations(timed.event(), parameters.fields())) {
        earliest.putIfAbsent(combination, timed);
      }
    }
    List<List<Object>> fresh = new ArrayList<>();
    for (List<Object> combination : earliest.keySet()) {
      Instant firstSeen = firstAtOrAfter(appearances.get(combination), historyStart);
      if (firstSeen != null && firstSeen.isAfter(execution.from())) {
        fresh.add(combination);
      }
    }
    fresh.sort(TermValues::compareCombinations);
    List<InMemorySuppression.Hit> hits = new ArrayList<>();
    for (List<Object> combination : fresh) {
      Timeline.Timed timed = earliest.get(combination);
      hits.add(new InMemorySuppression.Hit(timed, alert(timed, combination, execution)));
    }
    if (suppression.isPresent()) {
      return suppressed(hits, execution);
    }
    List<AlertWrite> alerts = new ArrayList<>();
    int budget = run.rule.schedule().maxSignals();
    int leftOut = 0;
    for (InMemorySuppression.Hit hit : hits) {
      if (run.isWritten(hit.alert().id())) {
        continue;
      }
      if (alerts.size() == budget) {
        leftOut++;
        continue;
      }
      run.markWritten(hit.alert().id());
      alerts.add(new AlertWrite.Create(hit.alert()));
    }
    if (leftOut > 0) {
      run.warn(Warnings.maxSignals(execution, budget, leftOut));
    }
    return alerts;
  }

  /**
   * Kibana writes new-terms alerts with suppression in chunks of 5 × {@code max_signals} and stops
   * once it created {@code max_signals} or created and suppressed 5 × {@code max_signals} ({@code
   * MAX_SIGNALS_SUPPRESSION_MULTIPLIER}).
   */
  private List<AlertWrite> suppressed(List<InMemorySuppression.Hit> hits, Execution execution) {
    int maxSignals = run.rule.schedule().maxSignals();
    int chunk = 5 * maxSignals;
    int created = 0;
    int suppressed = 0;
    List<AlertWrite> writes = new ArrayList<>();
    for (int start = 0; start < hits.size(); start += chunk) {
      InMemorySuppression.Outcome outcome =
          suppression
              .get()
              .write(
                  hits.subList(start, Math.min(hits.size(), start + chunk)),
                  execution,
                  maxSignals - created);
      writes.addAll(outcome.writes());
      created += outcome.created();
      suppressed += outcome.suppressed();
      if (created >= maxSignals || created + suppressed >= chunk) {
        break;
      }
    }
    return writes;
  }

  private Alert alert(Timeline.Timed timed, List<Object> combination, Execution execution) {
    RuleRun.Identity identity = run.identity(timed.event());
    String id =
        AlertIds.newTermsAlertId(
            identity.index(), identity.id(), run.spaceId, run.ruleObjectId, combination);
    ObjectNode extra = JsonNodeFactory.instance.objectNode();
    ArrayNode values = extra.putArray("kibana.alert.new_terms");
    combination.forEach(value -> TermValues.addJson(values, value));
    return run.alerts.eventAlert(
        id,
        timed.event().source(),
        new AlertBuilder.Parent(identity.id(), identity.index()),
        execution,
        extra);
  }

  /** Where {@code time} goes in {@code sorted}: after every time at or before it. */
  private static int insertionPoint(List<Instant> sorted, Instant time) {
    return firstIndex(sorted, time, false);
  }

  private static Instant firstAtOrAfter(List<Instant> sorted, Instant start) {
    int at = firstIndex(sorted, start, true);
    return at < sorted.size() ? sorted.get(at) : null;
  }

  /**
   * The first position in {@code sorted} whose time is after {@code time}, or at it too when {@code
   * orAt}; the size when there is none.
   */
  private static int firstIndex(List<Instant> sorted, Instant time, boolean orAt) {
    int low = 0;
    int high = sorted.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      Instant here = sorted.get(middle);
      if (here.isAfter(time) || (orAt && here.equals(time))) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }
}

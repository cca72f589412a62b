package dev.vigil.engine.hunt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.source.Timeline;
import dev.vigil.rules.model.AlertSuppression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The in-memory variant of alert suppression (engine-semantics.md §6.5, Kibana's {@code
 * bulkCreateSuppressedAlertsInMemory}) for eql single-event and new_terms rules: each would-be
 * alert gets its event's terms (per field the whole sorted array of values, or {@code null}), its
 * instance id, and {@code suppression.start} = {@code end} = the event's time with {@code
 * docs_count} 0, and goes through the {@link Suppressor} — per rule execution without a duration
 * (against the window's {@code from}), across executions with one. With {@code doNotSuppress},
 * would-be alerts on events missing a group-by field are written as ordinary alerts first. Ids stay
 * the rule type's own.
 *
 * <p>Owns the rule's {@link Suppressor}.
 */
final class InMemorySuppression {
  private final RuleRun run;
  private final AlertSuppression suppression;
  private final TermValues terms;
  private final Suppressor suppressor;

  /** A would-be alert on one event, as the rule type builds it without suppression. */
  record Hit(Timeline.Timed timed, Alert alert) {}

  /** What one write did: the writes, and the counts Kibana's paging loops stop on. */
  record Outcome(List<AlertWrite> writes, int created, int suppressed, int leftOut) {}

  InMemorySuppression(RuleRun run, TermValues terms) {
    this.run = run;
    this.suppression = run.rule.alertSuppression().orElseThrow();
    this.terms = terms;
    this.suppressor = new Suppressor(run);
  }

  /**
   * Writes {@code hits} with suppression, creating at most {@code budget} alerts.
   *
   * @param budget what is left of this execution's {@code max_signals}
   */
  Outcome write(List<Hit> hits, Execution execution, int budget) {
    List<AlertWrite> writes = new ArrayList<>();
    List<Hit> suppressible = hits;
    int created = 0;
    int leftOut = 0;
    if (suppression.missingFieldsStrategy().equals(AlertSuppression.DO_NOT_SUPPRESS)) {
      suppressible = new ArrayList<>();
      for (Hit hit : hits) {
        if (!missesAGroupField(hit)) {
          suppressible.add(hit);
        } else if (!run.isWritten(hit.alert().id())) {
          if (created == budget) {
            leftOut++;
            continue;
          }
          run.markWritten(hit.alert().id());
          writes.add(new AlertWrite.Create(hit.alert()));
          created++;
        }
      }
    }
    List<Suppressor.Candidate> candidates = new ArrayList<>();
    for (Hit hit : suppressible) {
      List<SuppressionTerms.Term> termList =
          SuppressionTerms.inMemory(hit.timed().event(), suppression.groupBy(), terms);
      String instanceId = SuppressionTerms.instanceId(termList, run.ruleObjectId, run.spaceId);
      Instant time = SuppressedQueryExecutor.millis(hit.timed().time());
      ObjectNode document = hit.alert().document().deepCopy();
      document.setAll(SuppressionTerms.fields(termList, instanceId, time, time, 0));
      candidates.add(
          new Suppressor.Candidate(hit.alert().withDocument(document), instanceId, time, time, 0));
    }
    Suppressor.Outcome outcome =
        suppressor.write(
            candidates, execution, suppression.duration(), OptionalInt.of(budget - created));
    writes.addAll(outcome.writes());
    leftOut += outcome.truncated();
    if (leftOut > 0) {
      run.warn(Warnings.maxSignalsSuppressed(execution, run.rule.schedule().maxSignals(), leftOut));
    }
    return new Outcome(writes, created + outcome.created(), outcome.suppressed(), leftOut);
  }

  private boolean missesAGroupField(Hit hit) {
    for (String field : suppression.groupBy()) {
      if (terms.values(hit.timed().event(), field).isEmpty()) {
        return true;
      }
    }
    return false;
  }
}

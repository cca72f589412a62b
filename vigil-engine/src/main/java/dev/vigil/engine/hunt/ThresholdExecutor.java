package dev.vigil.engine.hunt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.value.Dates;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertBuilder;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.alert.AlertIds;
import dev.vigil.engine.alert.ObjectHash;
import dev.vigil.engine.source.Timeline;
import dev.vigil.rules.model.AlertSuppression;
import dev.vigil.rules.model.TypeParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * threshold rules (engine-semantics.md §3.3): the window's matching events grouped by the values of
 * the threshold fields (one group per combination; events missing a field are left out), one alert
 * per group of at least {@code value} events (and at least the required number of distinct values
 * of the cardinality field), groups in key order, at most {@code max_signals}. Re-alerting across
 * overlapping windows is prevented as Kibana does it: each alert records its group's last event
 * time, and later executions leave out events of that group up to that time.
 *
 * <p>With alert suppression and a duration (§3.3, §6.5; Kibana ignores threshold suppression
 * without one) each bucket's alert carries suppression fields — terms = the threshold fields and
 * the bucket's values, instance id from the sorted values, start/end its earliest and latest event
 * — and an id hashed from the synthetic document without the version; it goes through the {@link
 * Suppressor}. Only alerts actually created enter the history, as in Kibana, so a group whose open
 * alert was extended is counted again by later windows (the extension then needs a later end).
 *
 * <p>Owns the per-group history and the suppression state, if any.
 */
final class ThresholdExecutor implements RuleExecutor {
  private final RuleRun run;
  private final Timeline matching;
  private final TypeParameters.Threshold parameters;
  private final TermValues terms;

  /** Group key → the last event time an alert of that group covered. */
  private final Map<List<Object>, Instant> history = new HashMap<>();

  private final Optional<Duration> suppressionDuration;
  private final Suppressor suppressor;

  ThresholdExecutor(RuleRun run, Timeline matching, TermValues terms) {
    this.run = run;
    this.matching = matching;
    this.parameters = (TypeParameters.Threshold) run.rule.parameters();
    this.terms = terms;
    this.suppressionDuration = run.rule.alertSuppression().flatMap(AlertSuppression::duration);
    this.suppressor = new Suppressor(run);
  }

  private static final class Bucket {
    long count;
    Instant first;
    Instant last;
    final Set<Object> distinct = new HashSet<>();
  }

  @Override
  public List<AlertWrite> execute(Execution execution) {
    history.values().removeIf(last -> !last.isAfter(execution.from()));
    TreeMap<List<Object>, Bucket> buckets = new TreeMap<>(TermValues::compareCombinations);
    for (Timeline.Timed timed : run.window(matching, execution)) {
      if (coveredByHistory(timed)) {
        continue;
      }
      for (List<Object> key : terms.combinations(timed.event(), parameters.fields())) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
        bucket.count++;
        bucket.first =
            bucket.first == null || timed.time().isBefore(bucket.first)
                ? timed.time()
                : bucket.first;
        bucket.last =
            bucket.last == null || timed.time().isAfter(bucket.last) ? timed.time() : bucket.last;
        if (!parameters.cardinality().isEmpty()) {
          bucket.distinct.addAll(
              terms.values(timed.event(), parameters.cardinality().get(0).field()));
        }
      }
    }
    List<Map.Entry<List<Object>, Bucket>> kept = new ArrayList<>();
    int budget = run.rule.schedule().maxSignals();
    int leftOut = 0;
    for (Map.Entry<List<Object>, Bucket> entry : buckets.entrySet()) {
      Bucket bucket = entry.getValue();
      if (bucket.count < parameters.value() || !cardinalityReached(bucket)) {
        continue;
      }
      if (kept.size() == budget) {
        leftOut++;
        continue;
      }
      kept.add(entry);
    }
    if (leftOut > 0) {
      run.warn(Warnings.maxSignals(execution, budget, leftOut));
    }
    List<AlertWrite> writes = new ArrayList<>();
    if (suppressionDuration.isEmpty()) {
      for (Map.Entry<List<Object>, Bucket> entry : kept) {
        Alert alert = alert(entry.getKey(), entry.getValue(), execution, false);
        run.markWritten(alert.id());
        writes.add(new AlertWrite.Create(alert));
        history.put(entry.getKey(), entry.getValue().last);
      }
      return writes;
    }
    List<Suppressor.Candidate> candidates = new ArrayList<>();
    Map<String, List<Object>> keysById = new HashMap<>();
    for (Map.Entry<List<Object>, Bucket> entry : kept) {
      Bucket bucket = entry.getValue();
      Alert alert = alert(entry.getKey(), bucket, execution, true);
      keysById.put(alert.id(), entry.getKey());
      candidates.add(
          new Suppressor.Candidate(
              alert,
              alert.document().get("kibana.alert.instance.id").asText(),
              SuppressedQueryExecutor.millis(bucket.first),
              SuppressedQueryExecutor.millis(bucket.last),
              0));
    }
    for (AlertWrite write :
        suppressor
            .write(candidates, execution, suppressionDuration, OptionalInt.empty())
            .writes()) {
      writes.add(write);
      if (write instanceof AlertWrite.Create) {
        List<Object> key = keysById.get(write.alert().id());
        history.put(key, buckets.get(key).last);
      }
    }
    return writes;
  }

  private boolean cardinalityReached(Bucket bucket) {
    return parameters.cardinality().isEmpty()
        || bucket.distinct.size() >= parameters.cardinality().get(0).value();
  }

  /**
   * Kibana's duplicate filter: an event is left out when, for some earlier alert, it has each of
   * that alert's group values (any element of a multi-valued field will do) and is not later than
   * the alert's last event.
   */
  private boolean coveredByHistory(Timeline.Timed timed) {
    for (Map.Entry<List<Object>, Instant> entry : history.entrySet()) {
      if (timed.time().isAfter(entry.getValue())) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < parameters.fields().size() && all; i++) {
        all =
            terms.values(timed.event(), parameters.fields().get(i)).contains(entry.getKey().get(i));
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private Alert alert(List<Object> key, Bucket bucket, Execution execution, boolean suppressed) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    List<String> keyText = new ArrayList<>();
    key.forEach(value -> keyText.add(value.toString()));
    String index = String.join(",", run.rule.index());
    String documentId =
        AlertIds.thresholdDocumentId(
            run.rule.ruleId(), execution.startedAt(), parameters.fields(), keyText);
    ObjectNode source = nodes.objectNode();
    source.put("@timestamp", Dates.formatMillis(bucket.last));
    ArrayNode termsNode = nodes.arrayNode();
    for (int i = 0; i < key.size(); i++) {
      ArrayNode single = nodes.arrayNode();
      TermValues.addJson(single, key.get(i));
      source.set(parameters.fields().get(i), single.get(0));
      ObjectNode term = termsNode.addObject();
      term.put("field", parameters.fields().get(i));
      term.set("value", single.get(0));
    }
    ObjectNode result = nodes.objectNode();
    result.set("terms", termsNode);
    result.put("count", bucket.count);
    result.put("from", Dates.formatMillis(bucket.first));
    if (!parameters.cardinality().isEmpty()) {
      ObjectNode cardinality = result.putArray("cardinality").addObject();
      cardinality.put("field", parameters.cardinality().get(0).field());
      cardinality.put("value", bucket.distinct.size());
    }
    ObjectNode extra = nodes.objectNode();
    extra.set("kibana.alert.threshold_result", result);
    String id = AlertIds.eventAlertId(index, documentId, run.spaceId, run.ruleObjectId);
    if (suppressed) {
      // Kibana's wrapSuppressedThresholdAlerts: objectHash of the synthetic hit without _version,
      // and an instance id over the bucket's values sorted, not over {field, value} terms.
      id = ObjectHash.hash(List.of(index, documentId, run.spaceId + ":" + run.ruleObjectId));
      List<SuppressionTerms.Term> termList = new ArrayList<>();
      for (int i = 0; i < key.size(); i++) {
        termList.add(new SuppressionTerms.Term(parameters.fields().get(i), key.get(i)));
      }
      List<Object> sorted = new ArrayList<>(key);
      sorted.sort(TermValues.KEY_ORDER);
      String instanceId = ObjectHash.hash(List.of(sorted, run.ruleObjectId, run.spaceId));
      extra.setAll(
          SuppressionTerms.fields(
              termList,
              instanceId,
              SuppressedQueryExecutor.millis(bucket.first),
              SuppressedQueryExecutor.millis(bucket.last),
              0));
    }
    return run.alerts.syntheticAlert(
        id, source, new AlertBuilder.Parent(documentId, index), execution, extra);
  }
}

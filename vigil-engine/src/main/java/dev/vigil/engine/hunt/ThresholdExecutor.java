package dev.vigil.engine.hunt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertBuilder;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.alert.AlertIds;
import dev.vigil.engine.source.Timeline;
import dev.vigil.rules.model.TypeParameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * threshold rules (engine-semantics.md §3.3): the window's matching events grouped by the values of
 * the threshold fields (one group per combination; events missing a field are left out), one alert
 * per group of at least {@code value} events (and at least the required number of distinct values
 * of the cardinality field), groups in key order, at most {@code max_signals}. Re-alerting across
 * overlapping windows is prevented as Kibana does it: each alert records its group's last event
 * time, and later executions leave out events of that group up to that time.
 */
final class ThresholdExecutor implements RuleExecutor {
  private final RuleRun run;
  private final Timeline matching;
  private final TypeParameters.Threshold parameters;
  private final TermValues terms;

  /** Group key → the last event time an alert of that group covered. */
  private final Map<List<Object>, Instant> history = new HashMap<>();

  ThresholdExecutor(RuleRun run, Timeline matching, TermValues terms) {
    this.run = run;
    this.matching = matching;
    this.parameters = (TypeParameters.Threshold) run.rule.parameters();
    this.terms = terms;
  }

  private static final class Bucket {
    long count;
    Instant first;
    Instant last;
    final Set<Object> distinct = new HashSet<>();
  }

  @Override
  public List<Alert> execute(Execution execution) {
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
    List<Alert> alerts = new ArrayList<>();
    int budget = run.rule.schedule().maxSignals();
    int leftOut = 0;
    for (Map.Entry<List<Object>, Bucket> entry : buckets.entrySet()) {
      Bucket bucket = entry.getValue();
      if (bucket.count < parameters.value() || !cardinalityReached(bucket)) {
        continue;
      }
      if (alerts.size() == budget) {
        leftOut++;
        continue;
      }
      alerts.add(alert(entry.getKey(), bucket, execution));
      history.put(entry.getKey(), bucket.last);
    }
    if (leftOut > 0) {
      run.warn(Warnings.maxSignals(execution, budget, leftOut));
    }
    return alerts;
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

  private Alert alert(List<Object> key, Bucket bucket, Execution execution) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    List<String> keyText = new ArrayList<>();
    key.forEach(value -> keyText.add(value.toString()));
    String index = String.join(",", run.rule.index());
    String documentId =
        AlertIds.thresholdDocumentId(
            run.rule.ruleId(), execution.startedAt(), parameters.fields(), keyText);
    ObjectNode source = nodes.objectNode();
    source.put("@timestamp", AlertBuilder.MILLIS.format(bucket.last));
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
    result.put("from", AlertBuilder.MILLIS.format(bucket.first));
    if (!parameters.cardinality().isEmpty()) {
      ObjectNode cardinality = result.putArray("cardinality").addObject();
      cardinality.put("field", parameters.cardinality().get(0).field());
      cardinality.put("value", bucket.distinct.size());
    }
    ObjectNode extra = nodes.objectNode();
    extra.set("kibana.alert.threshold_result", result);
    String id = AlertIds.eventAlertId(index, documentId, run.spaceId, run.ruleObjectId);
    return run.alerts.syntheticAlert(
        id, source, new AlertBuilder.Parent(documentId, index), execution, extra);
  }
}

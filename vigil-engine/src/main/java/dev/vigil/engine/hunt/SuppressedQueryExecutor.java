package dev.vigil.engine.hunt;

import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertBuilder;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.alert.AlertIds;
import dev.vigil.engine.alert.ObjectHash;
import dev.vigil.engine.source.Timeline;
import dev.vigil.rules.model.AlertSuppression;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * query rules with alert suppression (engine-semantics.md §6.5, Kibana's {@code
 * groupAndBulkCreate}): the window's matching events are grouped by the values of the {@code
 * group_by} fields as a composite aggregation buckets them — one group per combination, a
 * multi-valued field putting the event in one group per value, a missing field forming its own
 * {@code null} group with {@code suppress} and sending the event down the ordinary query path with
 * {@code doNotSuppress}. Each group alerts once, on its earliest event, with {@code
 * suppression.start} / {@code end} its earliest and latest time and {@code docs_count} its other
 * events.
 *
 * <p>Without a duration the groups are written like any alert (suppression per execution); with one
 * they go through the {@link Suppressor}, which extends the group's open alert while it was created
 * within the duration. Either way events of a group that an earlier execution already covered (up
 * to that group's latest time) are left out; that bucket history is the state this executor owns,
 * kept while a group's latest time is after the window's {@code from}.
 */
final class SuppressedQueryExecutor implements RuleExecutor {
  private final RuleRun run;
  private final Timeline matching;
  private final AlertSuppression suppression;
  private final TermValues terms;
  private final Suppressor suppressor;
  private final QueryExecutor unsuppressed;
  private final List<BucketHistory> history = new ArrayList<>();

  /** A group an earlier execution alerted on, and the latest event time it covered. */
  private record BucketHistory(List<Object> key, Instant end) {}

  /** One composite bucket of an execution. */
  private static final class Bucket {
    Timeline.Timed first;
    Instant start;
    Instant end;
    long count;
  }

  /** Composite key order: field by field, values as {@link TermValues#KEY_ORDER}, missing last. */
  private static final Comparator<List<Object>> KEY_ORDER =
      (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
          Object x = a.get(i);
          Object y = b.get(i);
          int order =
              x == null
                  ? (y == null ? 0 : 1)
                  : (y == null ? -1 : TermValues.KEY_ORDER.compare(x, y));
          if (order != 0) {
            return order;
          }
        }
        return 0;
      };

  SuppressedQueryExecutor(RuleRun run, Timeline matching, TermValues terms) {
    this.run = run;
    this.matching = matching;
    this.suppression = run.rule.alertSuppression().orElseThrow();
    this.terms = terms;
    this.suppressor = new Suppressor(run);
    this.unsuppressed = new QueryExecutor(run, matching, this::missesAGroupField);
  }

  private boolean suppressesMissing() {
    return !suppression.missingFieldsStrategy().equals(AlertSuppression.DO_NOT_SUPPRESS);
  }

  private boolean missesAGroupField(Timeline.Timed timed) {
    for (String field : suppression.groupBy()) {
      if (terms.values(timed.event(), field).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<AlertWrite> execute(Execution execution) {
    history.removeIf(bucket -> !bucket.end().isAfter(execution.from()));
    TreeMap<List<Object>, Bucket> buckets = new TreeMap<>(KEY_ORDER);
    for (Timeline.Timed timed : run.window(matching, execution)) {
      if (coveredByHistory(timed)) {
        continue;
      }
      for (List<Object> key : keys(timed)) {
        Instant time = millis(timed.time());
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
        if (bucket.first == null || time.isBefore(bucket.start)) {
          bucket.first = timed;
          bucket.start = time;
        }
        bucket.end = bucket.end == null || time.isAfter(bucket.end) ? time : bucket.end;
        bucket.count++;
      }
    }
    int maxSignals = run.rule.schedule().maxSignals();
    // One composite page of max_signals + 1 buckets, every one of which Kibana writes; more
    // than max_signals only earns the warning.
    List<Map.Entry<List<Object>, Bucket>> page = new ArrayList<>();
    for (Map.Entry<List<Object>, Bucket> entry : buckets.entrySet()) {
      if (page.size() == maxSignals + 1) {
        break;
      }
      page.add(entry);
    }
    if (buckets.size() > maxSignals) {
      run.warn(Warnings.maxSignalsGroups(execution, maxSignals, buckets.size(), page.size()));
    }
    List<AlertWrite> writes = new ArrayList<>();
    if (!suppressesMissing() && maxSignals - page.size() > 0) {
      writes.addAll(unsuppressed.execute(execution));
    }
    List<Suppressor.Candidate> candidates = new ArrayList<>();
    for (Map.Entry<List<Object>, Bucket> entry : page) {
      candidates.add(candidate(entry.getKey(), entry.getValue(), execution));
      history.add(new BucketHistory(entry.getKey(), entry.getValue().end));
    }
    if (suppression.duration().isPresent()) {
      writes.addAll(
          suppressor
              .write(candidates, execution, suppression.duration(), OptionalInt.empty())
              .writes());
    } else {
      for (Suppressor.Candidate candidate : candidates) {
        if (!run.isWritten(candidate.alert().id())) {
          run.markWritten(candidate.alert().id());
          writes.add(new AlertWrite.Create(candidate.alert()));
        }
      }
    }
    return writes;
  }

  /**
   * The composite keys of an event: every combination of its group-by values, a missing field
   * giving {@code null} with {@code suppress} and no key at all with {@code doNotSuppress}.
   */
  private List<List<Object>> keys(Timeline.Timed timed) {
    List<List<Object>> keys = new ArrayList<>();
    keys.add(List.of());
    for (String field : suppression.groupBy()) {
      List<Object> values = new ArrayList<>(terms.values(timed.event(), field));
      if (values.isEmpty()) {
        if (!suppressesMissing()) {
          return List.of();
        }
        values.add(null);
      }
      List<List<Object>> next = new ArrayList<>();
      for (List<Object> prefix : keys) {
        for (Object value : values) {
          List<Object> key = new ArrayList<>(prefix);
          key.add(value);
          next.add(Collections.unmodifiableList(key));
        }
      }
      keys = next;
    }
    return keys;
  }

  /**
   * Kibana's bucket-history filter: an event is left out of a group an earlier execution alerted on
   * when it has that group's values (a {@code null} value: the field is missing) and is not later
   * than the group's latest time then.
   */
  private boolean coveredByHistory(Timeline.Timed timed) {
    Instant time = millis(timed.time());
    for (BucketHistory bucket : history) {
      if (time.isAfter(bucket.end())) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < suppression.groupBy().size() && all; i++) {
        List<Object> values = terms.values(timed.event(), suppression.groupBy().get(i));
        Object value = bucket.key().get(i);
        all = value == null ? values.isEmpty() : values.contains(value);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private Suppressor.Candidate candidate(List<Object> key, Bucket bucket, Execution execution) {
    List<SuppressionTerms.Term> termList = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      termList.add(new SuppressionTerms.Term(suppression.groupBy().get(i), key.get(i)));
    }
    RuleRun.Identity identity = run.identity(bucket.first.event());
    List<Object> idInput = new ArrayList<>();
    idInput.add(identity.index());
    idInput.add(identity.id());
    idInput.add(AlertIds.NO_VERSION);
    idInput.add(run.spaceId + ":" + run.ruleObjectId);
    idInput.add(SuppressionTerms.hashInput(termList));
    idInput.add(bucket.start);
    idInput.add(bucket.end);
    String id = ObjectHash.hash(idInput);
    String instanceId = SuppressionTerms.instanceId(termList, run.ruleObjectId, run.spaceId);
    Alert alert =
        run.alerts.eventAlert(
            id,
            bucket.first.event().source(),
            new AlertBuilder.Parent(identity.id(), identity.index()),
            execution,
            SuppressionTerms.fields(
                termList, instanceId, bucket.start, bucket.end, bucket.count - 1));
    return new Suppressor.Candidate(alert, instanceId, bucket.start, bucket.end, bucket.count - 1);
  }

  /** Aggregations see date fields at millisecond precision. */
  static Instant millis(Instant time) {
    return time.truncatedTo(ChronoUnit.MILLIS);
  }
}

package dev.vigil.engine.hunt;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.value.Dates;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Kibana's write-with-suppression for one rule (engine-semantics.md §6.5, the persistence wrapper's
 * {@code alertWithSuppression}): turns an execution's suppression candidates into new alerts and
 * into updates of the open alert of their group.
 *
 * <ol>
 *   <li>Candidates whose id is already in the index are dropped (the usual duplicate filter).
 *   <li>The open alert of a group is the newest alert with its instance id created at or after the
 *       suppression window's start: {@code now - duration}, or the window's {@code from} when
 *       suppression is per rule execution. (Analysts never close alerts in a backtest.)
 *   <li>A candidate whose group's open alert, written by an earlier execution, already reaches its
 *       {@code suppression.end} was suppressed before and is dropped.
 *   <li>Candidates of one group are merged, earliest {@code suppression.start} first: the first is
 *       kept, its {@code docs_count} grows by each other's plus one, its end is the latest.
 *   <li>A merged candidate whose group has an open alert — with a duration; per execution only one
 *       this execution wrote — updates that alert ({@code end} = the later, {@code docs_count} =
 *       both plus one, {@code last_detected} = now); the others become new alerts, at most {@code
 *       maxAlerts} of them.
 * </ol>
 *
 * <p>Owns the newest alert per instance id; the ids written are the {@link RuleRun}'s.
 */
final class Suppressor {
  private final RuleRun run;
  private final Map<String, Open> newest = new HashMap<>();

  /** An alert of a group as it now stands in the index, and when it was created. */
  private static final class Open {
    Alert alert;
    final Instant createdAt;
    Instant start;
    Instant end;
    long docsCount;

    Open(Alert alert, Instant createdAt, Instant start, Instant end, long docsCount) {
      this.alert = alert;
      this.createdAt = createdAt;
      this.start = start;
      this.end = end;
      this.docsCount = docsCount;
    }
  }

  /**
   * A would-be alert carrying suppression fields: its document already holds {@code terms}, {@code
   * start}, {@code end}, {@code docs_count} and {@code instance.id} as given here.
   */
  record Candidate(Alert alert, String instanceId, Instant start, Instant end, long docsCount) {
    Candidate {
      requireNonNull(alert, "alert is null");
      requireNonNull(instanceId, "instanceId is null");
      requireNonNull(start, "start is null");
      requireNonNull(end, "end is null");
    }
  }

  /**
   * What a write did: the writes in order, how many alerts it created, how many candidates it
   * suppressed (merged into another or into an open alert), and how many new alerts {@code
   * maxAlerts} cut.
   */
  record Outcome(List<AlertWrite> writes, int created, int suppressed, int truncated) {
    Outcome {
      writes = List.copyOf(writes);
    }
  }

  Suppressor(RuleRun run) {
    this.run = run;
  }

  /**
   * Writes {@code candidates} with suppression.
   *
   * @param duration the rule's suppression duration; empty for suppression per rule execution
   * @param maxAlerts at most this many new alerts; empty (or, as in Kibana, zero) for no limit
   */
  Outcome write(
      List<Candidate> candidates,
      Execution execution,
      Optional<Duration> duration,
      OptionalInt maxAlerts) {
    boolean perExecution = duration.isEmpty();
    Instant windowStart =
        duration.map(value -> execution.startedAt().minus(value)).orElse(execution.from());
    List<Candidate> fresh = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (run.isWritten(candidate.alert().id())) {
        continue;
      }
      Open open = open(candidate.instanceId(), windowStart);
      if (open != null
          && !open.createdAt.equals(execution.startedAt())
          && !open.end.isBefore(candidate.end())) {
        continue; // suppressed by an earlier execution already
      }
      fresh.add(candidate);
    }
    // Merge candidates of one group, earliest start first (a stable sort, as lodash sortBy).
    fresh.sort(Comparator.comparing(Candidate::start));
    Map<String, Candidate> merged = new LinkedHashMap<>();
    for (Candidate candidate : fresh) {
      Candidate first = merged.get(candidate.instanceId());
      if (first == null) {
        merged.put(candidate.instanceId(), candidate);
      } else {
        Instant end = candidate.end().isAfter(first.end()) ? candidate.end() : first.end();
        merged.put(
            first.instanceId(),
            new Candidate(
                first.alert(),
                first.instanceId(),
                first.start(),
                end,
                first.docsCount() + candidate.docsCount() + 1));
      }
    }
    List<AlertWrite> updates = new ArrayList<>();
    List<Candidate> created = new ArrayList<>();
    for (Candidate candidate : merged.values()) {
      Open open = open(candidate.instanceId(), windowStart);
      boolean sameExecution = open != null && open.createdAt.equals(execution.startedAt());
      if (open != null && (!perExecution || sameExecution)) {
        if (sameExecution && candidate.start().isBefore(open.start)) {
          open.start = candidate.start();
        }
        if (candidate.end().isAfter(open.end)) {
          open.end = candidate.end();
        }
        open.docsCount += candidate.docsCount() + 1;
        open.alert = open.alert.withDocument(updated(open, execution));
        updates.add(new AlertWrite.Update(open.alert));
      } else {
        created.add(candidate);
      }
    }
    int truncated = 0;
    // Kibana truncates only when maxAlerts is truthy: a budget of 0 does not stop anything.
    if (maxAlerts.isPresent()
        && maxAlerts.getAsInt() > 0
        && created.size() > maxAlerts.getAsInt()) {
      truncated = created.size() - maxAlerts.getAsInt();
      created = created.subList(0, maxAlerts.getAsInt());
    }
    List<AlertWrite> writes = new ArrayList<>(updates);
    for (Candidate candidate : created) {
      Alert alert = candidate.alert().withDocument(merged(candidate));
      run.markWritten(alert.id());
      newest.put(
          candidate.instanceId(),
          new Open(
              alert,
              execution.startedAt(),
              candidate.start(),
              candidate.end(),
              candidate.docsCount()));
      writes.add(new AlertWrite.Create(alert));
    }
    int suppressed = fresh.size() - merged.size() + updates.size();
    return new Outcome(writes, created.size(), suppressed, truncated);
  }

  private Open open(String instanceId, Instant windowStart) {
    Open open = newest.get(instanceId);
    return open != null && !open.createdAt.isBefore(windowStart) ? open : null;
  }

  /** A merged candidate's document: its own, with the merged end and count. */
  private static ObjectNode merged(Candidate candidate) {
    ObjectNode document = candidate.alert().document().deepCopy();
    document.put("kibana.alert.suppression.end", Dates.formatMillis(candidate.end()));
    document.put("kibana.alert.suppression.docs_count", candidate.docsCount());
    return document;
  }

  private static ObjectNode updated(Open open, Execution execution) {
    ObjectNode document = open.alert.document().deepCopy();
    document.put("kibana.alert.suppression.start", Dates.formatMillis(open.start));
    document.put("kibana.alert.suppression.end", Dates.formatMillis(open.end));
    document.put("kibana.alert.suppression.docs_count", open.docsCount);
    document.put("kibana.alert.last_detected", Dates.formatMillis(execution.startedAt()));
    return document;
  }
}

package dev.vigil.engine.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.value.Dates;
import dev.vigil.engine.alert.Alert;
import dev.vigil.engine.alert.AlertBuilder;
import dev.vigil.engine.alert.AlertBuilder.Execution;
import dev.vigil.engine.alert.AlertIds;
import dev.vigil.engine.source.Timeline;
import dev.vigil.eql.CompiledEql;
import dev.vigil.eql.EqlResult;
import dev.vigil.eql.execution.SequenceStarts;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.TypeParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * eql rules (engine-semantics.md §3.2): the query runs over the window's events that pass the
 * filters and exceptions, returning at most {@code max_signals} results, earliest first. A matching
 * event becomes an alert like a query rule's. A sequence becomes one building-block alert per
 * present event (no overrides) plus a shell alert over them whose source is what all the events
 * share; ids make a sequence found again by an overlapping window a duplicate.
 *
 * <p>With alert suppression, single-event alerts are suppressed in memory ({@link
 * InMemorySuppression}); sequences are not, as Kibana suppresses them only behind a feature flag.
 * Owns the suppression state, if any.
 */
final class EqlExecutor implements RuleExecutor {
  private final RuleRun run;
  private final Timeline eligible;
  private final CompiledEql query;
  private final Optional<InMemorySuppression> suppression;
  private final Optional<SequenceStarts> starts;
  private boolean toldSequencesUnsuppressed;

  EqlExecutor(RuleRun run, Timeline eligible, CompiledEql query, TermValues terms) {
    this.run = run;
    this.eligible = eligible;
    this.query = query;
    this.suppression =
        run.rule.alertSuppression().map(config -> new InMemorySuppression(run, terms));
    this.starts = sequenceStarts(run.rule, query);
  }

  /**
   * A sequence's tracker of the events it could use, when the timeline releases events in the
   * order of the query's own time: no timestamp override, and the query's timestamp field {@code
   * @timestamp}, so both read the same first date of {@code @timestamp}.
   */
  private static Optional<SequenceStarts> sequenceStarts(Rule rule, CompiledEql query) {
    boolean sameTime =
        rule.schedule().timestampOverride().isEmpty()
            && rule.parameters() instanceof TypeParameters.Eql eql
            && eql.timestampField().map("@timestamp"::equals).orElse(true);
    return sameTime
        ? query.sequenceStarts(RuleSchedule.windowSpan(rule.schedule()).orElse(Duration.ZERO))
        : Optional.empty();
  }

  /**
   * Forgets the released events no sequence could use: a sequence with a broad later stage (every
   * network connection) and a rare first one would otherwise keep each of them for its whole
   * window.
   */
  @Override
  public List<Timeline.Timed> admit(List<Timeline.Timed> released) {
    if (starts.isEmpty() || released.isEmpty()) {
      return List.of();
    }
    List<Event> events = new ArrayList<>(released.size());
    List<Instant> timestamps = new ArrayList<>(released.size());
    for (Timeline.Timed timed : released) {
      events.add(timed.event());
      timestamps.add(timed.queryTime());
    }
    boolean[] usable = starts.get().usable(events, timestamps);
    List<Timeline.Timed> unusable = new ArrayList<>();
    for (int i = 0; i < usable.length; i++) {
      if (!usable[i]) {
        unusable.add(released.get(i));
      }
    }
    return unusable;
  }

  @Override
  public List<AlertWrite> execute(Execution execution) {
    List<Event> events = new ArrayList<>();
    List<Instant> timestamps = new ArrayList<>();
    // only suppression needs an event's times back; the map hashes every event of the window
    Map<Event, Timeline.Timed> times = suppression.isPresent() ? new IdentityHashMap<>() : Map.of();
    for (Timeline.Timed timed : run.window(eligible, execution)) {
      events.add(timed.event());
      timestamps.add(timed.queryTime());
      if (suppression.isPresent()) {
        times.put(timed.event(), timed);
      }
    }
    int size = run.rule.schedule().maxSignals();
    List<EqlResult> results = query.execute(events, timestamps, size);
    if (results.size() >= size) {
      run.warn(
          "execution at "
              + execution.startedAt()
              + " reached max_signals ("
              + size
              + "); later matches of its window were not returned");
    }
    List<Alert> alerts = new ArrayList<>();
    List<InMemorySuppression.Hit> hits = new ArrayList<>();
    for (EqlResult result : results) {
      if (result instanceof EqlResult.EventResult eventResult) {
        Alert alert = eventAlert(eventResult.event(), execution);
        if (suppression.isPresent()) {
          hits.add(new InMemorySuppression.Hit(times.get(eventResult.event()), alert));
        } else if (!run.isWritten(alert.id())) {
          run.markWritten(alert.id());
          alerts.add(alert);
        }
      } else if (result instanceof EqlResult.SequenceResult sequence) {
        group(sequence.presentEvents(), execution, alerts);
      } else if (result instanceof EqlResult.SampleResult sample) {
        group(sample.events(), execution, alerts);
      }
    }
    List<AlertWrite> writes = new ArrayList<>();
    for (Alert alert : alerts) {
      writes.add(new AlertWrite.Create(alert));
    }
    if (suppression.isPresent() && !hits.isEmpty()) {
      // Kibana's EQL search returns at most max_signals results, so the budget is whole.
      writes.addAll(
          suppression.get().write(hits, execution, run.rule.schedule().maxSignals()).writes());
    }
    return writes;
  }

  private Alert eventAlert(Event event, Execution execution) {
    RuleRun.Identity identity = run.identity(event);
    String id =
        AlertIds.eventAlertId(identity.index(), identity.id(), run.spaceId, run.ruleObjectId);
    return run.alerts.eventAlert(
        id,
        event.source(),
        new AlertBuilder.Parent(identity.id(), identity.index()),
        execution,
        JsonNodeFactory.instance.objectNode());
  }

  /** Building blocks and their shell, as Kibana's {@code buildAlertGroupFromSequence}. */
  private void group(List<Event> events, Execution execution, List<Alert> alerts) {
    List<AlertIds.Ancestor> ancestors = new ArrayList<>();
    for (Event event : events) {
      RuleRun.Identity identity = run.identity(event);
      ancestors.add(new AlertIds.Ancestor(identity.id(), identity.index()));
    }
    List<String> blockIds = AlertIds.buildingBlockIds(ancestors, run.ruleObjectId);
    String shellId = AlertIds.shellId(ancestors, blockIds, run.ruleObjectId);
    if (run.isWritten(shellId)) {
      return;
    }
    if (suppression.isPresent() && !toldSequencesUnsuppressed) {
      toldSequencesUnsuppressed = true;
      run.warn(
          "alert suppression of eql sequences is behind a feature flag in Kibana;"
              + " sequence alerts are not suppressed");
    }
    run.markWritten(shellId);
    blockIds.forEach(run::markWritten);
    List<AlertBuilder.Parent> blockParents = new ArrayList<>();
    List<Alert> blocks = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      ObjectNode extra = JsonNodeFactory.instance.objectNode();
      extra.put("kibana.alert.group.id", shellId);
      extra.put("kibana.alert.group.index", i);
      blocks.add(
          run.alerts.buildingBlock(
              blockIds.get(i),
              events.get(i).source(),
              new AlertBuilder.Parent(ancestors.get(i).id(), ancestors.get(i).index()),
              execution,
              extra));
      blockParents.add(new AlertBuilder.Parent(blockIds.get(i), ""));
    }
    ObjectNode shared = intersection(events);
    ObjectNode extra = JsonNodeFactory.instance.objectNode();
    extra.put("kibana.alert.group.id", shellId);
    // Kibana takes the shell's original time from the first block's @timestamp, which is the
    // block's creation time rather than an event time.
    extra.put("kibana.alert.original_time", Dates.formatMillis(execution.startedAt()));
    alerts.add(run.alerts.shell(shellId, shared, blockParents, execution, extra));
    alerts.addAll(blocks);
  }

  /** The deep intersection of the events' sources: keys all have, with equal values. */
  private static ObjectNode intersection(List<Event> events) {
    ObjectNode result = events.get(0).source().deepCopy();
    for (int i = 1; i < events.size(); i++) {
      intersect(result, events.get(i).source());
    }
    return result;
  }

  private static void intersect(ObjectNode target, ObjectNode other) {
    for (Iterator<Map.Entry<String, JsonNode>> it = target.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode theirs = other.get(entry.getKey());
      JsonNode ours = entry.getValue();
      if (theirs == null) {
        it.remove();
      } else if (ours instanceof ObjectNode ourObject && theirs instanceof ObjectNode theirObject) {
        intersect(ourObject, theirObject);
        if (ourObject.isEmpty()) {
          it.remove();
        }
      } else if (ours.isArray() && theirs.isArray()) {
        com.fasterxml.jackson.databind.node.ArrayNode common = JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : ours) {
          for (JsonNode candidate : theirs) {
            if (element.equals(candidate)) {
              common.add(element);
              break;
            }
          }
        }
        if (common.isEmpty()) {
          it.remove();
        } else {
          entry.setValue(common);
        }
      } else if (!ours.equals(theirs)) {
        it.remove();
      }
    }
  }
}

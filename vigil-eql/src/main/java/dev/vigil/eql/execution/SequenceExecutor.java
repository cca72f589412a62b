package dev.vigil.eql.execution;

import dev.vigil.core.event.Event;
import dev.vigil.eql.EqlExecutionException;
import dev.vigil.eql.EqlResult;
import dev.vigil.eql.compile.Values;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches sequences over events in Elasticsearch order, reproducing the semantics of
 * Elasticsearch's {@code SequenceMatcher}/{@code TumblingWindow} (x-pack/plugin/eql, package
 * execution.sequence) as a single streaming pass:
 *
 * <ul>
 *   <li>Per join key and stage, a group of in-flight partial sequences. An event of stage {@code s}
 *       takes the <em>latest</em> partial sequence of the previous positive stage with that key and
 *       discards the older ones ({@code OrdinalGroup.trimBefore}); an event of the first stage
 *       starts a new one. Stages are tried from last to first so an event never joins a sequence it
 *       started.
 *   <li>{@code maxspan}: a sequence whose last event is more than maxspan after its first is
 *       dropped (nanosecond comparison, as {@code exceedsMaxSpan}).
 *   <li>{@code until}: an until event with a key drops every in-flight sequence of that key.
 *   <li>Missing-event stages {@code ![…]} are skipped while matching; each completed candidate is
 *       then checked against all events as Elasticsearch's {@code checkMissingEvents} queries do: a
 *       middle missing stage rejects the candidate if a matching event with the same key lies
 *       strictly between its neighbours (by millisecond timestamp); leading/trailing missing stages
 *       accept it when no such event exists before/after it, or when the nearest one is more than
 *       maxspan away.
 *   <li>Completed sequences are ordered by their last event, ties in completion order ({@code
 *       Sequence.compareTo}).
 * </ul>
 *
 * <p>State is per execution; the compiled plan is shared and immutable. The number of in-flight
 * partial sequences is bounded by {@code maxPartialSequences}: when exceeded, expired sequences
 * (older than maxspan) are pruned, and if that is not enough the execution fails with a message
 * naming the setting. Events no positive stage can match make no results without building any
 * partial sequence, so such an execution neither costs nor fails on that budget.
 */
final class SequenceExecutor {
  private final StageFilter[] filters;
  private final KeyExtractor[] keys;
  private final boolean[] missing;
  private final StageFilter untilFilter;
  private final KeyExtractor untilKeys;
  private final long maxSpanNanos;
  private final int maxPartialSequences;
  private final int firstPositive;
  private final int lastPositive;
  private final int[] previousPositive;

  SequenceExecutor(
      List<StageFilter> filters,
      List<KeyExtractor> keys,
      boolean[] missing,
      StageFilter untilFilter,
      KeyExtractor untilKeys,
      long maxSpanNanos,
      int maxPartialSequences) {
    this.filters = filters.toArray(new StageFilter[0]);
    this.keys = keys.toArray(new KeyExtractor[0]);
    this.missing = missing.clone();
    this.untilFilter = untilFilter;
    this.untilKeys = untilKeys;
    this.maxSpanNanos = maxSpanNanos;
    this.maxPartialSequences = maxPartialSequences;
    int first = -1;
    int last = -1;
    for (int i = 0; i < missing.length; i++) {
      if (!missing[i]) {
        if (first < 0) {
          first = i;
        }
        last = i;
      }
    }
    this.firstPositive = first;
    this.lastPositive = last;
    this.previousPositive = new int[missing.length];
    int previous = -1;
    for (int i = 0; i < missing.length; i++) {
      previousPositive[i] = previous;
      if (!missing[i]) {
        previous = i;
      }
    }
  }

  /**
   * True when some positive stage matches none of {@code events} that have a timestamp ({@code
   * timestamps}, same positions): no sequence can complete, and matching the others would only
   * build partial sequences (a correlation rule whose broad stage is every endpoint event, over
   * data without its other integration, is the usual case). Checked before the events are even
   * ordered. Later stages are tried first, being the rarer ones in most rules; each scan stops at
   * its first match.
   */
  boolean someStageMatchesNothing(List<Event> events, List<Instant> timestamps) {
    for (int s = lastPositive; s >= firstPositive; s--) {
      if (missing[s]) {
        continue;
      }
      boolean matched = false;
      for (int i = 0; i < events.size() && !matched; i++) {
        matched = timestamps.get(i) != null && filters[s].test(events.get(i));
      }
      if (!matched) {
        return true;
      }
    }
    return false;
  }

  /**
   * What tells which events this sequence could ever use ({@link SequenceStarts}), for searches
   * whose windows span at most {@code windowReachNanos} (0: unbounded); null when it cannot tell:
   * with a leading missing-event stage, or with neither a maxspan nor a window bound.
   *
   * <p>Every stage but the first, missing ones and {@code until} included, reads only events after
   * a first-stage event of the same key and within the reach: a later positive stage's event
   * follows the sequence's start; a missing stage's, between two of the sequence's events or after
   * its last, counts only within maxspan of its first (else the sequence is accepted as if it were
   * not there); an {@code until} event drops only sequences started before it. A leading missing
   * stage reads events before the start, which are not known when they are released.
   */
  SequenceStarts starts(long windowReachNanos) {
    if (missing[0]) {
      return null;
    }
    long reach =
        maxSpanNanos > 0 && windowReachNanos > 0
            ? Math.min(maxSpanNanos, windowReachNanos)
            : Math.max(maxSpanNanos, windowReachNanos);
    if (reach <= 0) {
      return null;
    }
    List<StageFilter> others = new ArrayList<>(Arrays.asList(filters).subList(1, filters.length));
    List<KeyExtractor> otherKeys = new ArrayList<>(Arrays.asList(keys).subList(1, keys.length));
    if (untilFilter != null) {
      others.add(untilFilter);
      otherKeys.add(untilKeys);
    }
    return new SequenceStarts(
        filters[0],
        keys[0],
        others.toArray(new StageFilter[0]),
        otherKeys.toArray(new KeyExtractor[0]),
        reach);
  }

  /** A partial or complete sequence: matched event positions per stage (-1: none). */
  private static final class Partial {
    final List<Object> key;
    final int[] matches;
    final long order;

    Partial(List<Object> key, int stages, long order) {
      this.key = key;
      this.matches = new int[stages];
      Arrays.fill(matches, -1);
      this.order = order;
    }
  }

  /** Runs the matcher; results are complete and in Elasticsearch's order (before pipes). */
  List<EqlResult.SequenceResult> execute(List<OrderedEvent> events) {
    int stages = filters.length;
    Map<List<Object>, List<ArrayDeque<Partial>>> groups = new HashMap<>();
    List<Partial> completed = new ArrayList<>();
    long created = 0;
    int inFlight = 0;
    for (int i = 0; i < events.size(); i++) {
      OrderedEvent ordered = events.get(i);
      if (ordered.timestamp() == null) {
        continue; // Elasticsearch's sequence queries only see events with a timestamp
      }
      Event event = ordered.event();
      for (int s = lastPositive; s >= firstPositive; s--) {
        // A later stage only advances a partial sequence: with none in flight (a broad later
        // stage waiting on a rare first one, the usual shape) its test and keys would be wasted.
        // In-flight counts only grow at the first stage, which comes last in this loop.
        if (missing[s] || (s != firstPositive && inFlight == 0) || !filters[s].test(event)) {
          continue;
        }
        for (List<Object> key : keys[s].keys(event)) {
          Partial partial;
          if (s == firstPositive) {
            partial = new Partial(key, stages, created++);
          } else {
            List<ArrayDeque<Partial>> perStage = groups.get(key);
            ArrayDeque<Partial> group = perStage == null ? null : perStage.get(previousPositive[s]);
            if (group == null || group.isEmpty()) {
              continue;
            }
            partial = group.pollLast();
            inFlight -= group.size() + 1;
            group.clear();
            OrderedEvent start = events.get(partial.matches[firstPositive]);
            if (maxSpanNanos > 0 && ordered.nanos() - start.nanos() > maxSpanNanos) {
              continue;
            }
          }
          partial.matches[s] = i;
          if (s == lastPositive) {
            completed.add(partial);
          } else {
            List<ArrayDeque<Partial>> perStage =
                groups.computeIfAbsent(
                    key,
                    k -> {
                      List<ArrayDeque<Partial>> list = new ArrayList<>(stages);
                      for (int j = 0; j < stages; j++) {
                        list.add(null);
                      }
                      return list;
                    });
            ArrayDeque<Partial> group = perStage.get(s);
            if (group == null) {
              group = new ArrayDeque<>();
              perStage.set(s, group);
            }
            group.addLast(partial);
            inFlight++;
            if (inFlight > maxPartialSequences) {
              inFlight = prune(groups, events, ordered.nanos());
              if (inFlight > maxPartialSequences) {
                throw new EqlExecutionException(
                    "sequence query exceeded ["
                        + maxPartialSequences
                        + "] in-flight partial sequences (setting maxPartialSequences); add join"
                        + " keys, a shorter maxspan or more selective stages, or raise the budget");
              }
            }
          }
        }
      }
      // After this event has matched its stages: Elasticsearch rejects a sequence when an until
      // event lies in [last matched event, next match] (UntilGroup/Ordinal.between, inclusive),
      // so a sequence completed by this very event survives and one it advanced does not.
      if (untilFilter != null && untilFilter.test(event)) {
        for (List<Object> key : untilKeys.keys(event)) {
          List<ArrayDeque<Partial>> dropped = groups.remove(key);
          if (dropped != null) {
            for (ArrayDeque<Partial> group : dropped) {
              if (group != null) {
                inFlight -= group.size();
              }
            }
          }
        }
      }
    }
    // Completion order is by last event already; stable sort keeps ties in completion order.
    completed.sort((a, b) -> Integer.compare(a.matches[lastPositive], b.matches[lastPositive]));
    List<EqlResult.SequenceResult> results = new ArrayList<>(completed.size());
    for (Partial partial : completed) {
      if (hasMissingStages() && !missingCheckPasses(partial, events)) {
        continue;
      }
      List<Optional<Event>> hits = new ArrayList<>(stages);
      for (int s = 0; s < stages; s++) {
        hits.add(
            partial.matches[s] < 0
                ? Optional.empty()
                : Optional.of(events.get(partial.matches[s]).event()));
      }
      List<Object> joinKeys = new ArrayList<>(partial.key.size());
      for (Object value : partial.key) {
        joinKeys.add(Values.sequenceKey(value));
      }
      results.add(new EqlResult.SequenceResult(hits, joinKeys));
    }
    return results;
  }

  /** Drops partial sequences that can no longer complete within maxspan; returns the count left. */
  private int prune(
      Map<List<Object>, List<ArrayDeque<Partial>>> groups, List<OrderedEvent> events, long now) {
    int left = 0;
    for (Iterator<List<ArrayDeque<Partial>>> it = groups.values().iterator(); it.hasNext(); ) {
      List<ArrayDeque<Partial>> perStage = it.next();
      boolean empty = true;
      for (ArrayDeque<Partial> group : perStage) {
        if (group == null) {
          continue;
        }
        if (maxSpanNanos > 0) {
          group.removeIf(p -> now - events.get(p.matches[firstPositive]).nanos() > maxSpanNanos);
        }
        left += group.size();
        empty &= group.isEmpty();
      }
      if (empty) {
        it.remove();
      }
    }
    return left;
  }

  private boolean hasMissingStages() {
    for (boolean m : missing) {
      if (m) {
        return true;
      }
    }
    return false;
  }

  /** Elasticsearch's {@code TumblingWindow.doCheckMissingEvents} over all events. */
  private boolean missingCheckPasses(Partial partial, List<OrderedEvent> events) {
    int stages = filters.length;
    Long lastLeading = null;
    Long firstTrailing = null;
    boolean leading = true;
    OrderedEvent first = events.get(partial.matches[firstPositive]);
    OrderedEvent last = events.get(partial.matches[lastPositive]);
    for (int s = 0; s < stages; s++) {
      if (!missing[s]) {
        leading = false;
        continue;
      }
      boolean trailing = s > lastPositive;
      if (leading) {
        Long found = null;
        for (OrderedEvent e : events) {
          if (e.timestamp() != null
              && e.millis() < first.millis()
              && matchesMissing(s, e, partial.key)
              && (found == null || e.nanos() > found)) {
            found = e.nanos();
          }
        }
        if (found != null && (lastLeading == null || found > lastLeading)) {
          lastLeading = found;
        }
      } else if (trailing) {
        Long found = null;
        for (OrderedEvent e : events) {
          if (e.timestamp() != null
              && e.millis() > last.millis()
              && matchesMissing(s, e, partial.key)
              && (found == null || e.nanos() < found)) {
            found = e.nanos();
          }
        }
        if (found != null && (firstTrailing == null || found < firstTrailing)) {
          firstTrailing = found;
        }
      } else {
        int before = previousPositive[s];
        int after = s + 1;
        while (missing[after]) {
          after++;
        }
        long from = events.get(partial.matches[before]).millis();
        long to = events.get(partial.matches[after]).millis();
        for (OrderedEvent e : events) {
          if (e.timestamp() != null
              && e.millis() > from
              && e.millis() < to
              && matchesMissing(s, e, partial.key)) {
            return false;
          }
        }
      }
    }
    boolean missingFirst = missing[0];
    boolean missingLast = missing[stages - 1];
    return (firstTrailing == null && lastLeading == null)
        || (lastLeading == null && missingFirst)
        || (firstTrailing == null && missingLast)
        || (missingFirst && missingLast && exceeds(lastLeading, firstTrailing))
        || (missingFirst && !missingLast && exceeds(lastLeading, last.nanos()))
        || (!missingFirst && missingLast && exceeds(first.nanos(), firstTrailing));
  }

  private boolean exceeds(Long from, Long to) {
    if (from == null || to == null) {
      return true;
    }
    return maxSpanNanos > 0 && to - from > maxSpanNanos;
  }

  private boolean matchesMissing(int stage, OrderedEvent e, List<Object> key) {
    return filters[stage].test(e.event()) && keys[stage].contains(e.event(), key);
  }
}

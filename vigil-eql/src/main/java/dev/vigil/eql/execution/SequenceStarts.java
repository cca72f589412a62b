package dev.vigil.eql.execution;

import dev.vigil.core.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which events a sequence could ever use, told of events as they come in time order: an event that
 * can only take a later stage (a missing-event stage or {@code until} too) needs an event of the
 * first stage with the same join key before it, no further back than the sequence's reach (its
 * maxspan, or how far apart two events of one search window can be, whichever is shorter). An event
 * without one can be part of no sequence in any window, nor change whether one is found, so a
 * caller keeping events for later searches can forget it. Such events are most of what a sequence
 * with a broad later stage keeps (every network connection, waiting for a rare process start).
 *
 * <p>Not for sequences with a leading missing-event stage, which reads events before the start. The
 * first stage's events, and events without a timestamp, are always usable. Events must come in
 * batches in the order of their timestamps, each batch's after every earlier batch's (within a
 * batch, any order). Not thread-safe: it remembers the latest first-stage time of each join key
 * within reach.
 */
public final class SequenceStarts {
  private final StageFilter first;
  private final KeyExtractor firstKeys;
  private final StageFilter[] others;
  private final KeyExtractor[] otherKeys;
  private final long reachNanos;
  private final Map<List<Object>, Instant> latestStart = new HashMap<>();
  // the latest of them: once it is out of reach, all are
  private Instant newestStart;
  // forget starts out of reach once this many are remembered
  private int pruneAt = 1024;

  SequenceStarts(
      StageFilter first,
      KeyExtractor firstKeys,
      StageFilter[] others,
      KeyExtractor[] otherKeys,
      long reachNanos) {
    this.first = first;
    this.firstKeys = firstKeys;
    this.others = others;
    this.otherKeys = otherKeys;
    this.reachNanos = reachNanos;
  }

  /**
   * For each of {@code events} (with their {@code timestamps} as the query reads them; null: none),
   * whether some sequence could use it. Events of one time are judged together, after their
   * first-stage events are noted: the query orders them among themselves by more than time, so an
   * event at the same time as a start is kept.
   */
  public boolean[] usable(List<Event> events, List<Instant> timestamps) {
    boolean[] usable = new boolean[events.size()];
    List<Integer> timed = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      if (timestamps.get(i) == null) {
        usable[i] = true;
      } else {
        timed.add(i);
      }
    }
    // in time order (a stable sort), which released events mostly are already: then the sort, and
    // the code the compiler would have made of it here, are skipped
    if (!inTimeOrder(timed, timestamps)) {
      timed.sort(Comparator.comparing(timestamps::get));
    }
    for (int from = 0; from < timed.size(); ) {
      Instant time = timestamps.get(timed.get(from));
      int to = from;
      while (to < timed.size() && timestamps.get(timed.get(to)).equals(time)) {
        int i = timed.get(to++);
        if (first.test(events.get(i))) {
          usable[i] = true;
          for (List<Object> key : firstKeys.keys(events.get(i))) {
            latestStart.put(key, time);
            newestStart = time;
          }
        }
      }
      for (int k = from; k < to; k++) {
        int i = timed.get(k);
        usable[i] = usable[i] || reachesStart(events.get(i), time);
      }
      from = to;
    }
    if (timed.isEmpty() || latestStart.isEmpty()) {
      return usable;
    }
    // later batches' events are after this one's: a start before its latest time - reach is out of
    // their reach
    Instant horizon = timestamps.get(timed.get(timed.size() - 1)).minusNanos(reachNanos);
    if (newestStart.isBefore(horizon)) {
      latestStart.clear();
    } else if (latestStart.size() >= pruneAt) {
      for (Iterator<Instant> it = latestStart.values().iterator(); it.hasNext(); ) {
        if (it.next().isBefore(horizon)) {
          it.remove();
        }
      }
      pruneAt = Math.max(1024, 2 * latestStart.size());
    }
    return usable;
  }

  private static boolean inTimeOrder(List<Integer> timed, List<Instant> timestamps) {
    for (int k = 1; k < timed.size(); k++) {
      if (timestamps.get(timed.get(k)).isBefore(timestamps.get(timed.get(k - 1)))) {
        return false;
      }
    }
    return true;
  }

  private boolean reachesStart(Event event, Instant time) {
    if (latestStart.isEmpty()) {
      // the usual case of a rare first stage: no start, so no filter or key to work out
      return false;
    }
    Instant earliest = time.minusNanos(reachNanos);
    for (int s = 0; s < others.length; s++) {
      if (!others[s].test(event)) {
        continue;
      }
      for (List<Object> key : otherKeys[s].keys(event)) {
        Instant start = latestStart.get(key);
        if (start != null && !start.isBefore(earliest)) {
          return true;
        }
      }
    }
    return false;
  }
}

package dev.vigil.engine.hunt;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.match.Requirement;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.value.Coercion;
import dev.vigil.engine.compile.Exceptions;
import dev.vigil.engine.source.EventIdentity;
import dev.vigil.engine.source.IndexPatterns;
import dev.vigil.engine.source.Timeline;
import dev.vigil.eql.CompiledEql;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.TypeParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * The hunt's one pass over the events: each event is tested against the selection of every rule it
 * can reach, and kept for the rules that select it; the earliest and latest {@code @timestamp}, and
 * the latest batch median of them, are noted on the way.
 *
 * <p>The tests run on worker threads, a batch of events at a time, while the caller's thread reads
 * the next events; results are taken back in input order, so every rule's events are in input order
 * and the outcome is the same as on one thread. Rule predicates are immutable and thread-safe.
 */
final class Selector {
  /** Events tested per task. */
  static final int BATCH = 256;

  /** How many recent parts a threshold rule remembers for sharing ({@link Selection#shared}). */
  static final int SHARED_PARTS = 1024;

  /**
   * How many distinct indices get a cached rule route; beyond that routes are worked out per event.
   */
  static final int MAX_ROUTES = 10_000;

  private final List<Selection> selections;
  private final boolean routed;
  private final boolean profile;
  private final FieldMapping timestamp;
  private final String timestampPath;
  // Which rules an index's events can reach, worked out once per distinct index: matching index
  // patterns per event per rule was the selection's largest cost (profiled over the Linux rules).
  // Within an index, the router narrows the rules to those the event's values can satisfy.
  private final Map<Optional<String>, Route> routes = new ConcurrentHashMap<>();
  private Instant earliest;
  private Instant latest;
  // the latest of the batches' median @timestamps: how far the input has got, which a few events
  // stamped far ahead (a skewed clock) do not move, as they would move the latest
  private Instant reached;
  // events with a @timestamp before this are late (null: none is); and how many were late
  private Instant lateBefore;
  private long lateEvents;
  // the furthest an event's @timestamp was behind how far the input had got when it came
  private Duration mostBehind = Duration.ZERO;

  /**
   * With {@code routed} false every event is tested against every rule its index reaches: the
   * reference routing is tested against.
   */
  Selector(List<Selection> selections, Schema schema, boolean routed) {
    this(selections, schema, routed, false);
  }

  /**
   * With {@code profile}, each selection also counts the events tested and the time its predicate
   * took.
   */
  Selector(List<Selection> selections, Schema schema, boolean routed, boolean profile) {
    this.selections = selections;
    this.routed = routed;
    this.profile = profile;
    this.timestamp = Timeline.timestampMapping(schema);
    this.timestampPath = schema.sourcePath(timestamp.path());
  }

  /** The earliest {@code @timestamp} seen, if any. */
  Optional<Instant> earliest() {
    return Optional.ofNullable(earliest);
  }

  /** The latest {@code @timestamp} seen, if any. */
  Optional<Instant> latest() {
    return Optional.ofNullable(latest);
  }

  /** The latest median {@code @timestamp} of a batch read, if any. */
  Optional<Instant> reached() {
    return Optional.ofNullable(reached);
  }

  /**
   * From now on, an event whose {@code @timestamp} is before {@code time} is late: a hunt's
   * executions are on a grid from the earliest {@code @timestamp}, fixed once they started to run.
   */
  void lateBefore(Instant time) {
    lateBefore = time;
  }

  /**
   * How many events came too late: some rule that selected one had already released events at or
   * after its time, or its {@code @timestamp} was before {@link #lateBefore}.
   */
  long lateEvents() {
    return lateEvents;
  }

  /**
   * The furthest an event's {@code @timestamp} was behind {@link #reached} as it stood before the
   * event's batch: the disorder the input showed. Streaming with a {@code --max-disorder} above it,
   * no event would have come late. Zero for input in time order (a batch's own median does not
   * count: its events may come either side of it).
   */
  Duration mostBehind() {
    return mostBehind;
  }

  /**
   * Reads {@code events} to their end, testing them on {@code threads} workers (0: on this one).
   */
  void select(Iterator<Event> events, int threads) {
    select(events, threads, () -> {});
  }

  /** As {@link #select(Iterator, int)}, calling {@code afterBatch} after each batch is kept. */
  void select(Iterator<Event> events, int threads, Runnable afterBatch) {
    try (Workers workers = new Workers("vigil-select", threads)) {
      Deque<Future<Tested>> pending = new ArrayDeque<>();
      while (true) {
        while (pending.size() < workers.depth() && events.hasNext()) {
          List<Event> batch = next(events);
          pending.add(workers.submit(() -> test(batch)));
        }
        Future<Tested> head = pending.poll();
        if (head == null) {
          return;
        }
        apply(Workers.await(head));
        afterBatch.run();
      }
    }
  }

  private static List<Event> next(Iterator<Event> events) {
    List<Event> batch = new ArrayList<>(BATCH);
    while (batch.size() < BATCH && events.hasNext()) {
      batch.add(events.next());
    }
    return batch;
  }

  /**
   * One batch's events, the rules (by position) that selected each with the event's stamp for that
   * rule's timeline and, for rules that keep only part of it, that part (else null), each event's
   * {@code @timestamp} (null: none), the batch's time bounds, and when profiling, by rule, the
   * events tested and the nanoseconds their tests took (else null).
   */
  private record Tested(
      List<Event> events,
      int[][] selectedBy,
      Timeline.Stamp[][] stamps,
      Event[][] parts,
      Instant[] timestamps,
      Instant earliest,
      Instant latest,
      Instant median,
      long[] tests,
      long[] testNanos) {}

  private Tested test(List<Event> batch) {
    int[][] selectedBy = new int[batch.size()][];
    Timeline.Stamp[][] stamps = new Timeline.Stamp[batch.size()][];
    Event[][] parts = new Event[batch.size()][];
    Instant[] timestamps = new Instant[batch.size()];
    Instant first = null;
    Instant last = null;
    int[] scratch = new int[selections.size()];
    Router.Scratch routing = new Router.Scratch();
    long[] tests = profile ? new long[selections.size()] : null;
    long[] testNanos = profile ? new long[selections.size()] : null;
    for (int e = 0; e < batch.size(); e++) {
      Event event = batch.get(e);
      Instant stamp = null;
      List<Object> values = event.values(timestampPath);
      for (int v = 0; v < values.size(); v++) {
        if (Coercion.coerceOrNull(values.get(v), timestamp) instanceof Instant time) {
          stamp = stamp == null ? time : stamp;
          first = first == null || time.isBefore(first) ? time : first;
          last = last == null || time.isAfter(last) ? time : last;
        }
      }
      timestamps[e] = stamp;
      if (selections.isEmpty()) {
        continue;
      }
      Route route = route(EventIdentity.index(event));
      int candidates = route.router.route(event, routing);
      int selected = 0;
      for (int c = 0; c < candidates; c++) {
        int rule = route.rules[routing.candidates[c]];
        boolean selects;
        if (profile) {
          // elapsed time, for the profile only: nothing the hunt decides depends on it
          long start = System.nanoTime();
          selects = selections.get(rule).predicate.test(event);
          testNanos[rule] += System.nanoTime() - start;
          tests[rule]++;
        } else {
          selects = selections.get(rule).predicate.test(event);
        }
        if (selects) {
          scratch[selected++] = rule;
        }
      }
      selectedBy[e] = selected == 0 ? NONE : Arrays.copyOf(scratch, selected);
      if (selected > 0) {
        // Stamped now, while the event is in this core's cache, with the @timestamp read above
        // (the first date there, as Timeline.timestampMapping reads it).
        Optional<Instant> timestamp = Optional.ofNullable(stamp);
        stamps[e] = new Timeline.Stamp[selected];
        Timeline.EventDates dates = new Timeline.EventDates(event);
        for (int k = 0; k < selected; k++) {
          Selection selection = selections.get(scratch[k]);
          Timeline.Stamp ruleStamp = selection.stamper.stamp(dates, timestamp);
          // an EQL query's own order, read now rather than once per execution whose window
          // holds the event, when it is no longer in the cache
          if (ruleStamp != null && selection.rule instanceof CompiledRule.Eql eql) {
            Instant queryTime = eql.query().timestampOf(event);
            // Mostly the @timestamp read above: every rule that keeps the event then shares that
            // one instant, rather than each holding its own copy until it forgets the event.
            ruleStamp =
                ruleStamp.withQueryTime(
                    queryTime != null && queryTime.equals(stamp) ? stamp : queryTime);
          }
          stamps[e][k] = ruleStamp;
          if (selection.kept != null
              && (selection.keptWhole == null || !selection.keptWhole.test(event))) {
            if (parts[e] == null) {
              parts[e] = new Event[selected];
            }
            parts[e][k] = event.keeping(selection.kept);
          }
        }
      }
    }
    return new Tested(
        batch,
        selectedBy,
        stamps,
        parts,
        timestamps,
        first,
        last,
        median(timestamps),
        tests,
        testNanos);
  }

  private static final int[] NONE = new int[0];

  /** The median of the timestamps present (the upper one of an even count), or null. */
  private static Instant median(Instant[] timestamps) {
    Instant[] present =
        Arrays.stream(timestamps).filter(Objects::nonNull).sorted().toArray(Instant[]::new);
    return present.length == 0 ? null : present[present.length / 2];
  }

  private Route route(Optional<String> index) {
    Route route = routes.get(index);
    if (route == null) {
      route = Route.of(index, selections, routed);
      if (routes.size() < MAX_ROUTES) {
        routes.putIfAbsent(index, route);
      }
    }
    return route;
  }

  private void apply(Tested tested) {
    if (reached != null) {
      for (Instant timestamp : tested.timestamps) {
        if (timestamp != null && timestamp.isBefore(reached)) {
          Duration behind = Duration.between(timestamp, reached);
          mostBehind = behind.compareTo(mostBehind) > 0 ? behind : mostBehind;
        }
      }
    }
    if (tested.earliest != null) {
      earliest =
          earliest == null || tested.earliest.isBefore(earliest) ? tested.earliest : earliest;
      latest = latest == null || tested.latest.isAfter(latest) ? tested.latest : latest;
      reached = reached == null || tested.median.isAfter(reached) ? tested.median : reached;
    }
    if (tested.tests != null) {
      for (int rule = 0; rule < selections.size(); rule++) {
        selections.get(rule).tested += tested.tests[rule];
        selections.get(rule).testNanos += tested.testNanos[rule];
      }
    }
    for (int e = 0; e < tested.events.size(); e++) {
      Instant timestamp = tested.timestamps[e];
      boolean late = lateBefore != null && timestamp != null && timestamp.isBefore(lateBefore);
      int[] rules = tested.selectedBy[e];
      if (rules != null) {
        for (int k = 0; k < rules.length; k++) {
          Selection selection = selections.get(rules[k]);
          Event held =
              tested.parts[e] != null && tested.parts[e][k] != null
                  ? selection.shared(tested.parts[e][k])
                  : tested.events.get(e);
          late |= !selection.timeline.add(held, tested.stamps[e][k]);
          selection.selected++;
        }
      }
      if (late) {
        lateEvents++;
      }
    }
  }

  /**
   * Which events one rule can use: those its index patterns match that pass its selection predicate
   * — for query, new_terms and threshold rules the query, filters and exceptions that never expire;
   * for eql rules the filters, those exceptions, and the query's own test of whether the event
   * could take part at all.
   */
  static final class Selection {
    final CompiledRule rule;
    final IndexPatterns patterns;
    final EventPredicate predicate;
    final Timeline.Stamper stamper;
    // the source paths the rule's executions read, when that is all they read of the events (the
    // timeline then holds only those: Event.keeping); null: they read whole events. With keptWhole,
    // only of the events it rejects: those it accepts may be in alerts
    final List<String> kept;
    final EventPredicate keptWhole;
    // for a threshold rule, recent parts by their values (null for other rules): see shared
    private final Event[] sharedParts;
    final Timeline timeline = new Timeline();
    // events selected; when profiling, events tested and the nanoseconds their tests took
    long selected;
    long tested;
    long testNanos;

    private Selection(
        CompiledRule rule, IndexPatterns patterns, EventPredicate predicate, Schema schema) {
      this.rule = rule;
      this.patterns = patterns;
      this.predicate = predicate;
      this.stamper = stamper(rule.rule(), schema);
      Optional<CompiledEql.ReadOnly> readOnly = readOnly(rule);
      this.kept =
          readOnly.isPresent() ? List.copyOf(readOnly.get().pathsRead()) : kept(rule, schema);
      this.keptWhole = readOnly.map(CompiledEql.ReadOnly::returnable).orElse(null);
      this.sharedParts = readOnly.isEmpty() && kept != null ? new Event[SHARED_PARTS] : null;
    }

    /**
     * A threshold rule's part with the same values as {@code part}, if one was kept recently: the
     * rule reads nothing else of its events (their times are on the timeline), so the events of one
     * group share one part. My First Rule keeps every event of its 35-minute windows, and with its
     * few hosts holds a handful of parts instead of one per event. Other rules' parts are their
     * own. Called on the hunt's thread only, as it keeps events.
     */
    Event shared(Event part) {
      if (sharedParts == null) {
        return part;
      }
      int hash = 1;
      for (String path : kept) {
        hash = 31 * hash + part.values(path).hashCode();
      }
      int slot = (hash ^ (hash >>> 16)) & (SHARED_PARTS - 1);
      Event known = sharedParts[slot];
      if (known != null && sameValues(known, part)) {
        return known;
      }
      sharedParts[slot] = part;
      return part;
    }

    private boolean sameValues(Event a, Event b) {
      for (String path : kept) {
        if (!a.values(path).equals(b.values(path))) {
          return false;
        }
      }
      return true;
    }

    /**
     * For a sequence with missing-event stages or {@code until}: the events it only reads are kept
     * as the paths it reads of them. Elastic Defend Alert Followed by Telemetry Loss reads every
     * endpoint event for its missing stage, and returns only the alerts before them. Exceptions
     * that expire are tested at each execution against whole events, so a rule with some keeps them
     * whole.
     */
    private static Optional<CompiledEql.ReadOnly> readOnly(CompiledRule compiled) {
      return compiled instanceof CompiledRule.Eql eql && eql.exceptions().expiring().isEmpty()
          ? eql.query().readOnly()
          : Optional.empty();
    }

    /**
     * What a threshold rule's executions read of an event: its group-by and cardinality fields. Its
     * alerts are made from the groups, not from events. Exceptions that expire are tested at each
     * execution against whole events, so a rule with some keeps them whole.
     */
    private static List<String> kept(CompiledRule compiled, Schema schema) {
      if (!(compiled instanceof CompiledRule.Searchable searchable)
          || !(compiled.rule().parameters() instanceof TypeParameters.Threshold threshold)
          || !searchable.exceptions().expiring().isEmpty()) {
        return null;
      }
      return threshold.fieldsRead().stream().map(schema::sourcePath).toList();
    }

    static Selection of(CompiledRule compiled, Schema schema) {
      IndexPatterns patterns = IndexPatterns.of(compiled.rule().index());
      if (compiled instanceof CompiledRule.Searchable searchable) {
        return new Selection(
            compiled,
            patterns,
            selectable(searchable.condition(), searchable.exceptions()),
            schema);
      }
      if (compiled instanceof CompiledRule.Eql eql) {
        EventPredicate condition = eql.filters().and(eql.query().eventFilter());
        return new Selection(compiled, patterns, selectable(condition, eql.exceptions()), schema);
      }
      return new Selection(compiled, patterns, event -> false, schema);
    }

    /**
     * The rule's timestamps: its {@code timestamp_override}, else {@code @timestamp}, with {@code
     * @timestamp} as fallback for an override unless the rule disables it.
     */
    private static Timeline.Stamper stamper(Rule rule, Schema schema) {
      String primary = rule.schedule().timestampOverride().orElse("@timestamp");
      boolean fallback =
          !primary.equals("@timestamp") && !rule.schedule().timestampOverrideFallbackDisabled();
      return Timeline.Stamper.of(primary, fallback, schema);
    }

    private static EventPredicate selectable(EventPredicate condition, Exceptions exceptions) {
      Exceptions permanent = exceptions.permanent();
      return permanent.isEmpty()
          ? condition
          : condition.and(event -> !permanent.excepts(event, Instant.MIN));
    }
  }

  /**
   * The rules one index's events can reach (by position in the hunt), and the router among them.
   */
  private static final class Route {
    final int[] rules;
    final Router router;

    private Route(int[] rules, Router router) {
      this.rules = rules;
      this.router = router;
    }

    static Route of(Optional<String> index, List<Selection> all, boolean routed) {
      List<Integer> matching = new ArrayList<>();
      List<Requirement> requirements = new ArrayList<>();
      for (int rule = 0; rule < all.size(); rule++) {
        Selection selection = all.get(rule);
        // A rule Vigil does not run selects nothing; routing it would test every event for nothing.
        if (!(selection.rule instanceof CompiledRule.Unsupported)
            && selection.patterns.matches(index)) {
          matching.add(rule);
          requirements.add(routed ? selection.predicate.requirement() : Requirement.none());
        }
      }
      return new Route(
          matching.stream().mapToInt(Integer::intValue).toArray(), new Router(requirements));
    }
  }
}

package dev.vigil.engine.source;

import dev.vigil.core.event.Event;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.value.Coercion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The events one rule can search, ordered and windowed on the rule's timestamps as Kibana's
 * searches do (engine-semantics.md §1.3): an event is in {@code [from, to]} when its primary
 * timestamp ({@code timestamp_override}, else {@code @timestamp}) is, or, when it has no primary
 * timestamp and a fallback applies, when its {@code @timestamp} is. Within a window events come in
 * the searches' sort order: primary ascending with events lacking it last, then the fallback, then
 * input order (standing in for Elasticsearch's shard-doc tiebreaker).
 *
 * <p>Events are added in input order and are searchable once released: {@link #release} makes every
 * added event at or before an instant searchable, after which an event at or before it can no
 * longer be added (searches may already have run without it, so {@link #add} refuses it). {@link
 * #dropBefore} forgets events no later search can reach. So over input in time order a timeline
 * holds only the events between its rule's oldest open window and the newest event.
 *
 * <p>Not thread-safe; holds references to the events, not copies.
 */
public final class Timeline {
  /** Search order: time, then the fallback time (absent last), then input order. */
  private static final Comparator<Timed> ORDER =
      (a, b) -> {
        int c = a.time().compareTo(b.time());
        if (c != 0) {
          return c;
        }
        c = a.secondary().orElse(Instant.MAX).compareTo(b.secondary().orElse(Instant.MAX));
        return c != 0 ? c : Integer.compare(a.order(), b.order());
      };

  private final Lane withPrimary = new Lane();
  private final Lane fallbackOnly = new Lane();
  private int order;
  // every event at or before this has been released; null before the first release
  private Instant released;

  /**
   * An event and the instant it is windowed and sorted on; {@code queryTime} as in {@link Stamp}.
   */
  public record Timed(
      Event event, Instant time, Optional<Instant> secondary, int order, Instant queryTime) {}

  /**
   * Where one rule's events go on its timeline: its primary timestamp and, with a fallback, its
   * {@code @timestamp}. Stamping reads the event, so a hunt stamps each event as it selects it,
   * while the event is fresh in the cache, rather than when the rule runs. Immutable.
   */
  public static final class Stamper {
    private final FieldMapping primary;
    private final String primaryPath;
    private final boolean primaryIsTimestamp;
    private final boolean fallback;
    private final FieldMapping timestamp;
    private final String timestampPath;

    private Stamper(FieldMapping primary, boolean fallback, FieldMapping timestamp, Schema schema) {
      this.primary = primary;
      this.primaryPath = schema.sourcePath(primary.path());
      this.fallback = fallback;
      this.timestamp = timestamp;
      this.timestampPath = schema.sourcePath(timestamp.path());
      this.primaryIsTimestamp = primary.equals(timestamp);
    }

    /** Stamps on {@code primaryField}, then {@code @timestamp} when {@code fallback} is set. */
    public static Stamper of(String primaryField, boolean fallback, Schema schema) {
      return new Stamper(
          dateMapping(primaryField, schema), fallback, timestampMapping(schema), schema);
    }

    /**
     * Where the event goes, given its {@code timestamp}: the first value at {@code @timestamp} that
     * {@link #timestampMapping} reads as a date, the same for every rule, so read once per event by
     * the caller. Null when the event has no timestamp the rule searches on, and then it is on no
     * timeline.
     */
    public Stamp stamp(EventDates event, Optional<Instant> timestamp) {
      Optional<Instant> primaryTime =
          primaryIsTimestamp ? timestamp : event.firstDate(primary, primaryPath);
      Optional<Instant> secondaryTime = fallback ? timestamp : Optional.empty();
      if (primaryTime.isPresent()) {
        return new Stamp(primaryTime.get(), secondaryTime, false);
      }
      if (secondaryTime.isPresent()) {
        return new Stamp(secondaryTime.get(), secondaryTime, true);
      }
      return null;
    }
  }

  /**
   * One event's dates by field, each read once however many rules stamp the event on it: most rules
   * with a {@code timestamp_override} stamp on {@code event.ingested}, and each kept its own copy
   * of the same instant. Not thread-safe; one per event.
   */
  public static final class EventDates {
    private final Event event;
    // made at the first date read: most events' rules stamp on the @timestamp their caller read
    private List<FieldMapping> mappings;
    private List<Optional<Instant>> dates;

    public EventDates(Event event) {
      this.event = event;
    }

    Optional<Instant> firstDate(FieldMapping mapping, String sourcePath) {
      if (mappings == null) {
        mappings = new ArrayList<>(2);
        dates = new ArrayList<>(2);
      }
      for (int i = 0; i < mappings.size(); i++) {
        if (mappings.get(i).equals(mapping)) {
          return dates.get(i);
        }
      }
      Optional<Instant> date = Timeline.firstDate(event, mapping, sourcePath);
      mappings.add(mapping);
      dates.add(date);
      return date;
    }
  }

  /**
   * An event's place on a timeline: {@code time}, its {@code @timestamp} when the rule falls back
   * to it, whether only the fallback gave a time, and, for a query that orders events by a time of
   * its own (EQL's timestamp field), that time, read with the stamp (else null).
   */
  public record Stamp(
      Instant time, Optional<Instant> secondary, boolean fallbackOnly, Instant queryTime) {

    /** A stamp without a query time. */
    public Stamp(Instant time, Optional<Instant> secondary, boolean fallbackOnly) {
      this(time, secondary, fallbackOnly, null);
    }

    /** This stamp with the time the rule's query orders the event by. */
    public Stamp withQueryTime(Instant time) {
      return new Stamp(this.time, secondary, fallbackOnly, time);
    }
  }

  /**
   * Adds the next event in input order, with its stamp (null: not on the timeline). False, and not
   * added, when the event is at or before what has been released.
   */
  public boolean add(Event event, Stamp stamp) {
    int position = order++;
    if (stamp == null) {
      return true;
    }
    if (released != null && !stamp.time().isAfter(released)) {
      return false;
    }
    Timed timed = new Timed(event, stamp.time(), stamp.secondary(), position, stamp.queryTime());
    (stamp.fallbackOnly() ? fallbackOnly : withPrimary).add(timed);
    return true;
  }

  /**
   * Makes every added event at or before {@code upTo} searchable, and returns them in search order
   * within each kind of stamp (primary-stamped first, then fallback-only).
   */
  public List<Timed> release(Instant upTo) {
    if (released == null || upTo.isAfter(released)) {
      released = upTo;
    }
    List<Timed> out = new ArrayList<>();
    withPrimary.release(upTo, out);
    fallbackOnly.release(upTo, out);
    return out;
  }

  /**
   * Forgets {@code events}, some of those the last {@link #release} made searchable (no search
   * could use them).
   */
  public void forget(List<Timed> events) {
    if (events.isEmpty()) {
      return;
    }
    Set<Timed> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    gone.addAll(events);
    withPrimary.forget(gone);
    fallbackOnly.forget(gone);
  }

  /** Forgets the searchable events before {@code time}. */
  public void dropBefore(Instant time) {
    withPrimary.dropBefore(time);
    fallbackOnly.dropBefore(time);
  }

  /** How many events are held, searchable or not. */
  public int size() {
    return withPrimary.size() + fallbackOnly.size();
  }

  /** How many events were added but not released. */
  public int unreleased() {
    return withPrimary.pending.size() + fallbackOnly.pending.size();
  }

  /** The searchable events in {@code [from, to]} (both inclusive), in search order. */
  public List<Timed> window(Instant from, Instant to) {
    List<Timed> out = new ArrayList<>();
    withPrimary.addRange(from, to, out);
    fallbackOnly.addRange(from, to, out);
    return out;
  }

  /** True when some searchable event is in {@code [from, to]}. */
  public boolean hasEventsIn(Instant from, Instant to) {
    return withPrimary.inRange(from, to) || fallbackOnly.inRange(from, to);
  }

  /** The earliest searchable event time at or after {@code from}, if any. */
  public Optional<Instant> firstAtOrAfter(Instant from) {
    Instant primary = withPrimary.firstAtOrAfter(from);
    Instant fallback = fallbackOnly.firstAtOrAfter(from);
    if (primary == null || (fallback != null && fallback.isBefore(primary))) {
      return Optional.ofNullable(fallback);
    }
    return Optional.of(primary);
  }

  /**
   * The events of one kind of stamp: the searchable ones in search order from {@code head} on, then
   * those added since the last release, in input order.
   */
  private static final class Lane {
    private final ArrayList<Timed> sorted = new ArrayList<>();
    private int head;
    private final ArrayList<Timed> pending = new ArrayList<>();
    // whether pending is in search order: true while events come in time order, so a release
    // sorts nothing (it used to re-sort the unreleased rest every time)
    private boolean pendingSorted = true;
    // how many events the last release made searchable: the end of sorted
    private int lastReleased;

    int size() {
      return sorted.size() - head + pending.size();
    }

    void add(Timed timed) {
      if (pendingSorted && !pending.isEmpty()) {
        pendingSorted = ORDER.compare(pending.get(pending.size() - 1), timed) <= 0;
      }
      pending.add(timed);
    }

    void release(Instant upTo, List<Timed> out) {
      lastReleased = 0;
      if (pending.isEmpty()) {
        return;
      }
      if (!pendingSorted) {
        pending.sort(ORDER);
        pendingSorted = true;
      }
      int end = 0;
      while (end < pending.size() && !pending.get(end).time().isAfter(upTo)) {
        end++;
      }
      List<Timed> due = pending.subList(0, end);
      lastReleased = end;
      sorted.addAll(due);
      out.addAll(due);
      due.clear();
    }

    /** Removes {@code gone} from the events the last release added, keeping the others' order. */
    void forget(Set<Timed> gone) {
      int start = sorted.size() - lastReleased;
      int kept = start;
      for (int i = start; i < sorted.size(); i++) {
        Timed timed = sorted.get(i);
        if (!gone.contains(timed)) {
          sorted.set(kept++, timed);
        }
      }
      sorted.subList(kept, sorted.size()).clear();
      lastReleased = kept - start;
    }

    void dropBefore(Instant time) {
      head = lowerBound(time);
      // compact once the dropped prefix is most of the list, so each event is moved about once
      if (head > 1024 && head > sorted.size() / 2) {
        sorted.subList(0, head).clear();
        head = 0;
      }
    }

    void addRange(Instant from, Instant to, List<Timed> out) {
      for (int i = lowerBound(from); i < sorted.size() && !sorted.get(i).time().isAfter(to); i++) {
        out.add(sorted.get(i));
      }
    }

    boolean inRange(Instant from, Instant to) {
      int start = lowerBound(from);
      return start < sorted.size() && !sorted.get(start).time().isAfter(to);
    }

    Instant firstAtOrAfter(Instant from) {
      int start = lowerBound(from);
      return start < sorted.size() ? sorted.get(start).time() : null;
    }

    private int lowerBound(Instant from) {
      int low = head;
      int high = sorted.size();
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (sorted.get(middle).time().isBefore(from)) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      return low;
    }
  }

  /**
   * How {@code @timestamp} is read, at the source path the schema gives it: its mapping when it is
   * a date, else as a plain date field.
   */
  public static FieldMapping timestampMapping(Schema schema) {
    return dateMapping("@timestamp", schema);
  }

  /** The field's mapping when it is a date; otherwise read it as a plain date field. */
  private static FieldMapping dateMapping(String field, Schema schema) {
    return schema
        .resolve(field)
        .filter(mapping -> mapping.type().isDate())
        .orElse(FieldMapping.of(field, FieldType.DATE));
  }

  /** The first of the event's values at {@code sourcePath} that {@code mapping} reads as a date. */
  public static Optional<Instant> firstDate(Event event, FieldMapping mapping, String sourcePath) {
    for (Object value : event.values(sourcePath)) {
      Object date = Coercion.coerceOrNull(value, mapping);
      if (date instanceof Instant instant) {
        return Optional.of(instant);
      }
    }
    return Optional.empty();
  }
}

package dev.vigil.engine.source;

import dev.vigil.core.event.Event;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.value.Coercion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The events one rule can search, ordered and windowed on the rule's timestamps as Kibana's
 * searches do (engine-semantics.md §1.3): an event is in {@code [from, to]} when its primary
 * timestamp ({@code timestamp_override}, else {@code @timestamp}) is, or, when it has no primary
 * timestamp and a fallback applies, when its {@code @timestamp} is. Within a window events come in
 * the searches' sort order: primary ascending with events lacking it last, then the fallback, then
 * input order (standing in for Elasticsearch's shard-doc tiebreaker).
 *
 * <p>Immutable once built; holds references to the events, not copies.
 */
public final class Timeline {
  private final List<Timed> withPrimary;
  private final List<Timed> fallbackOnly;

  /** An event and the instant it is windowed and sorted on. */
  public record Timed(Event event, Instant time, Optional<Instant> secondary, int order) {}

  private Timeline(List<Timed> withPrimary, List<Timed> fallbackOnly) {
    this.withPrimary = withPrimary;
    this.fallbackOnly = fallbackOnly;
  }

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
     * Where {@code event} goes, given its {@code timestamp}: the first value at {@code @timestamp}
     * that {@link #timestampMapping} reads as a date, the same for every rule, so read once per
     * event by the caller. Null when the event has no timestamp the rule searches on, and then it
     * is on no timeline.
     */
    public Stamp stamp(Event event, Optional<Instant> timestamp) {
      Optional<Instant> primaryTime =
          primaryIsTimestamp ? timestamp : firstDate(event, primary, primaryPath);
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
   * An event's place on a timeline: {@code time}, its {@code @timestamp} when the rule falls back
   * to it, and whether only the fallback gave a time.
   */
  public record Stamp(Instant time, Optional<Instant> secondary, boolean fallbackOnly) {}

  /** Collects stamped events in input order; not thread-safe. */
  public static final class Builder {
    private final List<Timed> withPrimary = new ArrayList<>();
    private final List<Timed> fallbackOnly = new ArrayList<>();
    private int order;

    /** Adds the next event in input order, with its stamp (null: not on the timeline). */
    public void add(Event event, Stamp stamp) {
      int position = order++;
      if (stamp != null) {
        Timed timed = new Timed(event, stamp.time(), stamp.secondary(), position);
        (stamp.fallbackOnly() ? fallbackOnly : withPrimary).add(timed);
      }
    }

    /** The timeline of what was added. */
    public Timeline build() {
      Comparator<Timed> order =
          Comparator.comparing(Timed::time)
              .thenComparing(timed -> timed.secondary().orElse(Instant.MAX))
              .thenComparingInt(Timed::order);
      withPrimary.sort(order);
      fallbackOnly.sort(order);
      return new Timeline(List.copyOf(withPrimary), List.copyOf(fallbackOnly));
    }
  }

  /** The events in {@code [from, to]} (both inclusive), in search order. */
  public List<Timed> window(Instant from, Instant to) {
    List<Timed> out = new ArrayList<>();
    addRange(withPrimary, from, to, out);
    addRange(fallbackOnly, from, to, out);
    return out;
  }

  /** True when some event is in {@code [from, to]}. */
  public boolean hasEventsIn(Instant from, Instant to) {
    return inRange(withPrimary, from, to) || inRange(fallbackOnly, from, to);
  }

  /** The earliest event time at or after {@code from}, if any. */
  public Optional<Instant> firstAtOrAfter(Instant from) {
    int primary = lowerBound(withPrimary, from);
    int fallback = lowerBound(fallbackOnly, from);
    Instant best = primary < withPrimary.size() ? withPrimary.get(primary).time() : null;
    if (fallback < fallbackOnly.size()) {
      Instant candidate = fallbackOnly.get(fallback).time();
      best = best == null || candidate.isBefore(best) ? candidate : best;
    }
    return Optional.ofNullable(best);
  }

  private static boolean inRange(List<Timed> sorted, Instant from, Instant to) {
    int start = lowerBound(sorted, from);
    return start < sorted.size() && !sorted.get(start).time().isAfter(to);
  }

  private static void addRange(List<Timed> sorted, Instant from, Instant to, List<Timed> out) {
    int start = lowerBound(sorted, from);
    for (int i = start; i < sorted.size() && !sorted.get(i).time().isAfter(to); i++) {
      out.add(sorted.get(i));
    }
  }

  private static int lowerBound(List<Timed> sorted, Instant from) {
    int low = 0;
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

  private static Optional<Instant> firstDate(Event event, FieldMapping mapping, String sourcePath) {
    for (Object value : event.values(sourcePath)) {
      Object date = Coercion.coerceOrNull(value, mapping);
      if (date instanceof Instant instant) {
        return Optional.of(instant);
      }
    }
    return Optional.empty();
  }
}

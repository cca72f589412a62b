package dev.vigil.eql;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.eql.execution.SequenceStarts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An EQL query analyzed and compiled once; immutable and safe to share between threads. Everything
 * per-event is precompiled: no syntax tree or IR is walked when events are tested.
 */
public interface CompiledEql {

  /** True for {@code sequence …} queries. */
  boolean isSequence();

  /** True for {@code sample …} queries. */
  boolean isSample();

  /**
   * For an event query, the category-and-condition test of one event. For a sequence or sample,
   * true when the event could take part in some stage (including {@code until} and missing-event
   * stages), so callers can pre-filter cheaply before {@link #execute}.
   */
  EventPredicate eventFilter();

  /**
   * The source paths {@link #execute} reads beyond what {@link #eventFilter} tests: the timestamp
   * and tiebreaker fields and the join keys. A reader that decodes only some fields decodes these
   * too, for events kept to be executed over later.
   */
  Set<String> executionFields();

  /**
   * Runs the query over {@code events} (any order; they are ordered as Elasticsearch orders them:
   * timestamp, tiebreaker, then input order), applies the pipes and returns at most {@code size}
   * results, with Elasticsearch's {@code size} semantics ({@code head}: the earliest).
   *
   * @throws EqlExecutionException when a budget of the settings is exceeded
   */
  List<EqlResult> execute(List<Event> events, int size);

  /**
   * The time {@link #execute} orders {@code event} by: the first value of the timestamp field, as a
   * date; null when it has none. A caller that reads each event once before executing over it many
   * times (a hunt's overlapping windows) reads it then, while the event is in the cache.
   */
  Instant timestampOf(Event event);

  /**
   * For a sequence without a leading missing-event stage, a new tracker of which events it could
   * ever use, for searches whose windows span at most {@code windowReach} ({@link Duration#ZERO}:
   * any span; then only a maxspan bounds it). Empty for other queries, and for a sequence with
   * neither bound.
   */
  Optional<SequenceStarts> sequenceStarts(Duration windowReach);

  /**
   * For a sequence with missing-event stages or {@code until}, what {@link #execute} needs of the
   * events it reads but never returns: those that match no stage whose events make up its results.
   * Empty for other queries, all of whose selected events may be returned.
   */
  Optional<ReadOnly> readOnly();

  /**
   * Which events a sequence may return ({@code returnable}: they match one of its positive stages),
   * and every source path it reads of an event: its conditions, category, join keys, timestamp and
   * tiebreaker. Of an event that is not returnable, a caller keeping events for later executions
   * may keep only those paths ({@link Event#keeping}): every execution reads it the same, and it is
   * in no result.
   */
  record ReadOnly(EventPredicate returnable, Set<String> pathsRead) {
    public ReadOnly {
      Objects.requireNonNull(returnable, "returnable is null");
      pathsRead = Set.copyOf(pathsRead);
    }
  }

  /**
   * As {@link #execute(List, int)}, with {@code timestamps.get(i)} the {@link #timestampOf} of
   * {@code events.get(i)}.
   */
  List<EqlResult> execute(List<Event> events, List<Instant> timestamps, int size);
}

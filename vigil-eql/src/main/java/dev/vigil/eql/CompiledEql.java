package dev.vigil.eql;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import java.util.List;
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
}

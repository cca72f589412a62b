package dev.vigil.eql;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.event.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One result of an EQL query, as Elasticsearch returns it under {@code hits.events} or {@code
 * hits.sequences}.
 *
 * <p>Join keys are JSON-like values as Elasticsearch renders them in a response: {@link String},
 * {@link Long}, {@link Double}, {@link Boolean} or null. Dates in sequence keys are ISO strings
 * ({@code 1970-01-01T00:00:00.000Z}), in sample keys epoch milliseconds ({@link Long}), as
 * Elasticsearch's sequence and sample payloads differ there; ip and version keys are strings.
 */
public sealed interface EqlResult {

  /** A matching event of an event query. */
  record EventResult(Event event) implements EqlResult {
    public EventResult {
      requireNonNull(event, "event is null");
    }
  }

  /**
   * A sequence: one entry per stage, in stage order. A missing-event stage ({@code ![…]}) is an
   * empty Optional — Elasticsearch returns a placeholder hit with {@code "missing": true} and no
   * source there, so the engine can skip it.
   */
  record SequenceResult(List<Optional<Event>> events, List<Object> joinKeys) implements EqlResult {
    public SequenceResult {
      events = List.copyOf(requireNonNull(events, "events is null"));
      joinKeys = Collections.unmodifiableList(new ArrayList<>(joinKeys));
    }

    /** The events that are present, skipping missing-event placeholders. */
    public List<Event> presentEvents() {
      List<Event> present = new ArrayList<>(events.size());
      for (Optional<Event> event : events) {
        event.ifPresent(present::add);
      }
      return present;
    }
  }

  /** A sample: one event per filter, in filter order, sharing {@code joinKeys}. */
  record SampleResult(List<Event> events, List<Object> joinKeys) implements EqlResult {
    public SampleResult {
      events = List.copyOf(requireNonNull(events, "events is null"));
      joinKeys = Collections.unmodifiableList(new ArrayList<>(joinKeys));
    }
  }
}

package dev.vigil.core.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One event: its {@code _source} document, its metadata ({@code _id}, {@code _index}) when the
 * input carried them, where it was read from, and its field values by dotted path.
 *
 * <p>Field access follows Elasticsearch: {@code {"process.name": "x"}} and {@code {"process":
 * {"name": "x"}}} are the same field; arrays (of values, or of objects) make a field multi-valued;
 * {@code null}, {@code []} and {@code [null]} are missing. Values are as JSON gave them ({@link
 * String}, {@link Long}, {@link java.math.BigInteger}, {@link Double}, {@link Boolean}); what a
 * field type makes of them is {@link dev.vigil.core.value.Coercion}'s job.
 *
 * <p>Immutable once built. The source tree must not be modified by callers.
 */
public final class Event {
  private final ObjectNode source;
  private final Optional<String> id;
  private final Optional<String> index;
  private final EventOrigin origin;
  private final Map<String, List<Object>> fields;

  Event(
      ObjectNode source,
      Optional<String> id,
      Optional<String> index,
      EventOrigin origin,
      Map<String, List<Object>> fields) {
    this.source = requireNonNull(source, "source is null");
    this.id = requireNonNull(id, "id is null");
    this.index = requireNonNull(index, "index is null");
    this.origin = requireNonNull(origin, "origin is null");
    this.fields = Collections.unmodifiableMap(fields);
  }

  /** An event from a document, as if read from {@code origin}; metadata keys are honoured. */
  public static Event of(ObjectNode document, EventOrigin origin) {
    return EventDecoder.decode(document, origin);
  }

  /** The {@code _source} document. */
  public ObjectNode source() {
    return source;
  }

  /** The document id the input gave ({@code _id}), if any. */
  public Optional<String> id() {
    return id;
  }

  /** The index the input gave ({@code _index}), if any. */
  public Optional<String> index() {
    return index;
  }

  /** Where this event was read from. */
  public EventOrigin origin() {
    return origin;
  }

  /** The values at {@code path}, in document order; empty when the field is missing. */
  public List<Object> values(String path) {
    List<Object> values = fields.get(path);
    return values == null ? List.of() : values;
  }

  /** The first value at {@code path}, if any. */
  public Optional<Object> first(String path) {
    List<Object> values = fields.get(path);
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  /** True when {@code path} has at least one value. */
  public boolean has(String path) {
    return fields.containsKey(path);
  }

  /** Every path that has values. */
  public Set<String> paths() {
    return fields.keySet();
  }

  @Override
  public String toString() {
    return origin + " " + source;
  }
}

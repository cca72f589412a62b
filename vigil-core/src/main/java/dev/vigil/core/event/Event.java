package dev.vigil.core.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
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
 * <p>Immutable once built, and safe to share between threads. An event read by the fast path keeps
 * its JSON bytes and parses the source tree only when it is first asked for. The source tree must
 * not be modified by callers.
 */
public final class Event {

  private volatile ObjectNode source;
  private final byte[] json;
  private final boolean metadataInSource;
  private final Optional<String> id;
  private final Optional<String> index;
  private final EventOrigin origin;
  // The decoded fields, which know which fields they are when the fast path decoded only some of
  // them. Asked for another field, the event decodes again from json with what its projection
  // holds by then, so an event kept for later is decoded at most a few times however many fields
  // it is asked for, and never holds more than the projection's fields.
  private volatile Fields decoded;
  private final FieldProjection projection;
  private volatile Fields allFields;

  Event(
      ObjectNode source,
      Optional<String> id,
      Optional<String> index,
      EventOrigin origin,
      Fields fields) {
    this.source = requireNonNull(source, "source is null");
    this.json = null;
    this.metadataInSource = false;
    this.projection = null;
    this.id = requireNonNull(id, "id is null");
    this.index = requireNonNull(index, "index is null");
    this.origin = requireNonNull(origin, "origin is null");
    this.decoded = fields;
  }

  /**
   * An event whose source is the JSON object in {@code json}, parsed when first needed; when {@code
   * metadataInSource}, its top-level {@code _id} and {@code _index} keys are metadata, not source.
   */
  Event(
      byte[] json,
      boolean metadataInSource,
      Optional<String> id,
      Optional<String> index,
      EventOrigin origin,
      Fields fields,
      FieldProjection projection) {
    this.projection = projection;
    this.json = requireNonNull(json, "json is null");
    this.metadataInSource = metadataInSource;
    this.id = requireNonNull(id, "id is null");
    this.index = requireNonNull(index, "index is null");
    this.origin = requireNonNull(origin, "origin is null");
    this.decoded = fields;
  }

  /** A part of an event: only {@code fields}, and no source ({@link #keeping}). */
  private Event(Optional<String> id, Optional<String> index, EventOrigin origin, Fields fields) {
    this.source = null;
    this.json = null;
    this.metadataInSource = false;
    this.projection = null;
    this.id = id;
    this.index = index;
    this.origin = origin;
    this.decoded = fields;
  }

  /**
   * This event with only its values at {@code paths}, for a holder that reads nothing else (a
   * threshold rule keeps only its group-by fields of each event in its windows): a small fraction
   * of the memory, as it keeps neither the JSON nor the other fields. Its other paths are missing,
   * and it has no {@link #source}; its metadata and origin are this event's.
   */
  public Event keeping(Collection<String> paths) {
    Fields.Builder kept = new Fields.Builder(paths.size());
    for (String path : paths) {
      List<Object> values = lookup(path);
      if (values != null && !values.isEmpty() && !kept.containsKey(path)) {
        kept.putNew(path, values);
      }
    }
    return new Event(id, index, origin, kept.build(null));
  }

  /** An event from a document, as if read from {@code origin}; metadata keys are honoured. */
  public static Event of(ObjectNode document, EventOrigin origin) {
    return EventDecoder.decode(document, origin);
  }

  /**
   * The {@code _source} document.
   *
   * @throws IllegalStateException for an event made by {@link #keeping}, which has none
   */
  public ObjectNode source() {
    ObjectNode parsed = source;
    if (parsed == null && json == null) {
      throw new IllegalStateException("only some fields of the event were kept: " + origin);
    }
    if (parsed == null) {
      parsed = parseSource();
      source = parsed;
    }
    return parsed;
  }

  private ObjectNode parseSource() {
    try {
      ObjectNode document = (ObjectNode) Json.mapper().readTree(json);
      if (metadataInSource) {
        document.remove("_id");
        document.remove("_index");
      }
      return document;
    } catch (IOException e) {
      // The fast path decoded these very bytes as one JSON object.
      throw new UncheckedIOException("event JSON no longer parses: " + origin, e);
    }
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
    List<Object> values = lookup(path);
    return values == null ? List.of() : values;
  }

  /** The first value at {@code path}, if any. */
  public Optional<Object> first(String path) {
    List<Object> values = lookup(path);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** True when {@code path} has at least one value. */
  public boolean has(String path) {
    List<Object> values = lookup(path);
    return values != null && !values.isEmpty();
  }

  /** Every path that has values. */
  public Set<String> paths() {
    Fields current = decoded;
    return Collections.unmodifiableSet(
        current.projected() == null ? current.paths() : allFields().paths());
  }

  /** The values at {@code path}; null when it has none. */
  private List<Object> lookup(String path) {
    // A field read is the hunt's most frequent operation: one probe of the shape's table when the
    // field is there, and a look at the projection's paths when it is not.
    List<Object> values = decoded.get(path);
    if (values != Fields.UNDECODED) {
      return values;
    }
    Fields all = allFields;
    if (all != null) {
      return all.get(path);
    }
    projection.request(path);
    Event again = ByteDecoder.current().decode(json, origin, projection);
    if (again == null) {
      // The fast path decoded these very bytes once already.
      throw new IllegalStateException("event JSON no longer decodes: " + origin);
    }
    decoded = again.decoded;
    // the projection now holds the path, and snapshots only grow: decoded, whether present or not
    return again.decoded.get(path);
  }

  private Fields allFields() {
    Fields all = allFields;
    if (all == null) {
      Event whole = ByteDecoder.current().decode(json, origin, null);
      if (whole == null) {
        throw new IllegalStateException("event JSON no longer decodes: " + origin);
      }
      all = whole.decoded;
      allFields = all;
    }
    return all;
  }

  @Override
  public String toString() {
    return origin + " " + (source == null && json == null ? decoded.paths() : source());
  }
}

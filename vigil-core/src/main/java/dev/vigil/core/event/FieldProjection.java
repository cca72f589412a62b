package dev.vigil.core.event;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Which fields the reader's fast path decodes, learnt from what is asked: it starts empty, and each
 * time an event is asked for a field it did not decode, the event decodes all its fields from its
 * kept JSON (so the answer is always complete) and the field joins the projection, so later events
 * decode it as they are read. A hunt's rules ask for the same few fields of every event, so after
 * the first events only those are decoded; the JSON is still parsed whole, so every syntax error is
 * found.
 *
 * <p>Thread-safe: decoding threads read snapshots while the hunt's thread adds fields.
 */
public final class FieldProjection {
  private volatile Snapshot snapshot = new Snapshot(Set.of(), Set.of());

  private FieldProjection() {}

  /** A projection that starts with no fields and learns. */
  public static FieldProjection learning() {
    return new FieldProjection();
  }

  /** A projection that starts with {@code fields} and learns. */
  public static FieldProjection learning(Collection<String> fields) {
    FieldProjection projection = new FieldProjection();
    fields.forEach(projection::request);
    return projection;
  }

  /** The fields decoded from now on, and every path prefix of them. */
  Snapshot snapshot() {
    return snapshot;
  }

  /** Adds {@code path} to the fields decoded from now on. */
  void request(String path) {
    if (snapshot.paths.contains(path)) {
      return;
    }
    synchronized (this) {
      Snapshot current = snapshot;
      if (current.paths.contains(path)) {
        return;
      }
      Set<String> paths = new HashSet<>(current.paths);
      paths.add(path);
      Set<String> prefixes = new HashSet<>(current.prefixes);
      for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) {
        prefixes.add(path.substring(0, dot));
      }
      // hash sets: looked up per field read, and faster there than Set.copyOf's
      snapshot =
          new Snapshot(Collections.unmodifiableSet(paths), Collections.unmodifiableSet(prefixes));
    }
  }

  /**
   * The projected paths and the proper prefixes of them ({@code process} for {@code process.name}).
   */
  record Snapshot(Set<String> paths, Set<String> prefixes) {}
}

package dev.vigil.core.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An event's values by dotted path: an open-addressing table of two arrays, without the entry
 * object a {@link java.util.HashMap} allocates per field. Reading fields is a hunt's most frequent
 * operation, and the events a hunt keeps hold their fields to the end, so both the lookup and the
 * footprint matter. Paths are usually interned (the decoders intern theirs, the query compilers
 * theirs), so a lookup mostly matches by identity.
 *
 * <p>Filled by one decoder, then {@link #seal() sealed}; read-only and safe to share afterwards.
 */
final class Fields {
  private String[] keys;
  private Object[] values;
  private int size;
  private boolean multiValued;

  Fields(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new String[capacity];
    values = new Object[capacity];
  }

  /** The values at {@code path}, or null. */
  @SuppressWarnings("unchecked")
  List<Object> get(String path) {
    int mask = keys.length - 1;
    for (int slot = hash(path) & mask; ; slot = (slot + 1) & mask) {
      String key = keys[slot];
      if (key == null) {
        return null;
      }
      if (key == path || key.equals(path)) {
        return (List<Object>) values[slot];
      }
    }
  }

  /** How many paths have values. */
  int size() {
    return size;
  }

  boolean containsKey(String path) {
    return get(path) != null;
  }

  /** Adds one value at {@code path}, after those it has. */
  @SuppressWarnings("unchecked")
  void add(String path, Object value) {
    int slot = slot(path);
    if (keys[slot] == null) {
      insert(slot, path, List.of(value));
      return;
    }
    List<Object> existing = (List<Object>) values[slot];
    if (existing instanceof ArrayList) {
      existing.add(value);
    } else {
      List<Object> many = new ArrayList<>(4);
      many.addAll(existing);
      many.add(value);
      values[slot] = many;
      multiValued = true;
    }
  }

  /** Sets the values of a path that has none yet to {@code one}, an immutable list. */
  void putNew(String path, List<Object> one) {
    insert(slot(path), path, one);
  }

  /**
   * Makes the multi-valued lists read-only, and the table no more than twice as large as it needs
   * to be (a decoder sizes it for the previous event's fields); call once, when the event is
   * complete.
   */
  @SuppressWarnings("unchecked")
  Fields seal() {
    if (size * 4 <= keys.length && keys.length > 8) {
      rehash(keys.length / 2);
    }
    for (int i = 0; multiValued && i < values.length; i++) {
      if (values[i] instanceof ArrayList) {
        values[i] = Collections.unmodifiableList((List<Object>) values[i]);
      }
    }
    return this;
  }

  /** Every path that has values (a new set). */
  Set<String> paths() {
    Set<String> paths = new HashSet<>();
    for (String key : keys) {
      if (key != null) {
        paths.add(key);
      }
    }
    return paths;
  }

  private int slot(String path) {
    int mask = keys.length - 1;
    int slot = hash(path) & mask;
    while (keys[slot] != null && !(keys[slot] == path || keys[slot].equals(path))) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void insert(int slot, String path, List<Object> one) {
    keys[slot] = path;
    values[slot] = one;
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  private void grow() {
    rehash(keys.length * 2);
  }

  private void rehash(int capacity) {
    String[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new String[capacity];
    values = new Object[capacity];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int slot = hash(oldKeys[i]) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }

  private static int hash(String path) {
    int h = path.hashCode();
    return h ^ (h >>> 16);
  }
}

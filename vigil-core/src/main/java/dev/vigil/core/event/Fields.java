package dev.vigil.core.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An event's values by dotted path: an open-addressing table in one array of key and value pairs,
 * without the entry object a {@link java.util.HashMap} allocates per field, and with a path's
 * values next to its key, so a field read on an event that is no longer in the cache misses once,
 * not twice. Reading fields is a hunt's most frequent operation, and the events a hunt keeps hold
 * their fields to the end, so both the lookup and the footprint matter. Paths are usually interned
 * (the decoders intern theirs, the query compilers theirs), so a lookup mostly matches by identity.
 *
 * <p>Filled by one decoder, then {@link #seal() sealed}; read-only and safe to share afterwards.
 */
final class Fields {
  /** Slot {@code s} holds its path at {@code 2s} and its values (a list) at {@code 2s + 1}. */
  private Object[] table;

  private int size;
  private boolean multiValued;

  Fields(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    table = new Object[capacity * 2];
  }

  /** The values at {@code path}, or null. */
  @SuppressWarnings("unchecked")
  List<Object> get(String path) {
    Object[] pairs = table;
    int mask = (pairs.length >> 1) - 1;
    for (int slot = hash(path) & mask; ; slot = (slot + 1) & mask) {
      Object key = pairs[slot << 1];
      if (key == null) {
        return null;
      }
      if (key == path || key.equals(path)) {
        return (List<Object>) pairs[(slot << 1) + 1];
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
    if (table[slot << 1] == null) {
      insert(slot, path, List.of(value));
      return;
    }
    List<Object> existing = (List<Object>) table[(slot << 1) + 1];
    if (existing instanceof ArrayList) {
      existing.add(value);
    } else {
      List<Object> many = new ArrayList<>(4);
      many.addAll(existing);
      many.add(value);
      table[(slot << 1) + 1] = many;
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
    int capacity = table.length >> 1;
    if (size * 4 <= capacity && capacity > 8) {
      rehash(capacity / 2);
    }
    for (int i = 1; multiValued && i < table.length; i += 2) {
      if (table[i] instanceof ArrayList) {
        table[i] = Collections.unmodifiableList((List<Object>) table[i]);
      }
    }
    return this;
  }

  /** Every path that has values (a new set). */
  Set<String> paths() {
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < table.length; i += 2) {
      if (table[i] != null) {
        paths.add((String) table[i]);
      }
    }
    return paths;
  }

  private int slot(String path) {
    int mask = (table.length >> 1) - 1;
    int slot = hash(path) & mask;
    while (table[slot << 1] != null
        && !(table[slot << 1] == path || table[slot << 1].equals(path))) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void insert(int slot, String path, List<Object> one) {
    table[slot << 1] = path;
    table[(slot << 1) + 1] = one;
    if (++size * 2 > table.length >> 1) {
      rehash(table.length);
    }
  }

  /** Moves the pairs into a table of {@code capacity} slots. */
  private void rehash(int capacity) {
    Object[] old = table;
    table = new Object[capacity * 2];
    int mask = capacity - 1;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != null) {
        int slot = hash((String) old[i]) & mask;
        while (table[slot << 1] != null) {
          slot = (slot + 1) & mask;
        }
        table[slot << 1] = old[i];
        table[(slot << 1) + 1] = old[i + 1];
      }
    }
  }

  private static int hash(String path) {
    int h = path.hashCode();
    return h ^ (h >>> 16);
  }
}

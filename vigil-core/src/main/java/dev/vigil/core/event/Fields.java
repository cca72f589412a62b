package dev.vigil.core.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An event's values by dotted path, in two parts: a {@link Shape} — which paths the event has, and
 * where each one's values are — shared by every event with the same paths in the same order decoded
 * with the same projection, and the event's own values in one array, in that order.
 *
 * <p>Reading fields is a hunt's most frequent operation, and the events a hunt keeps hold their
 * fields until it releases them. Events of one input mostly have a few layouts (a host's process
 * starts all carry the same fields), so the lookup table lives once per layout, in the cache,
 * instead of once per event: a read of a path the event lacks, which most of the rules' reads are,
 * reads none of the event's values, and a kept event holds an array of exactly its values instead
 * of a half-empty table (over 900k events and the whole corpus, the tables were a quarter of the
 * live heap). Paths are usually interned (the decoders intern theirs, the query compilers theirs),
 * so a lookup mostly matches by identity.
 *
 * <p>Made by a {@link Builder}; immutable and safe to share.
 */
final class Fields {
  /**
   * How many layouts are remembered for sharing; an event whose layout is not among them (evicted,
   * or an input of endlessly varied events) gets a shape of its own, as correct and only larger.
   */
  static final int SHAPES = 4096;

  // Shared by all threads without locking: shapes are immutable, and a slot overwritten by another
  // thread, or not yet seen written, only costs making a shape again.
  private static final Shape[] SHAPE_CACHE = new Shape[SHAPES];

  /**
   * What {@link #get} returns for a path the fast path did not decode (not in its projection): the
   * event may or may not have values there. A list of its own, told apart by identity.
   */
  static final List<Object> UNDECODED = Collections.unmodifiableList(new ArrayList<>());

  private final Shape shape;
  private final Object[] values;

  private Fields(Shape shape, Object[] values) {
    this.shape = shape;
    this.values = values;
  }

  /**
   * The values at {@code path}; null when it has none, and {@link #UNDECODED} when the fields were
   * decoded with a projection that does not hold it.
   */
  @SuppressWarnings("unchecked")
  List<Object> get(String path) {
    int at = shape.index(path);
    if (at >= 0) {
      return (List<Object>) values[at];
    }
    return shape.projected == null || shape.projected.paths().contains(path) ? null : UNDECODED;
  }

  /** The projection the fields were decoded with; null when all were. */
  FieldProjection.Snapshot projected() {
    return shape.projected;
  }

  /** How many paths have values. */
  int size() {
    return values.length;
  }

  /** Every path that has values (a new set). */
  Set<String> paths() {
    return new HashSet<>(Arrays.asList(shape.paths));
  }

  /** True when the two have one shape object: for tests of the sharing. */
  boolean sharesShapeWith(Fields other) {
    return shape == other.shape;
  }

  private static int hash(String path) {
    int h = path.hashCode();
    return h ^ (h >>> 16);
  }

  /**
   * The shape of {@code order}'s first {@code size} paths decoded with {@code projected}: a
   * remembered one, or a new one.
   */
  private static Shape shape(String[] order, int size, FieldProjection.Snapshot projected) {
    int hash = System.identityHashCode(projected);
    for (int i = 0; i < size; i++) {
      hash = 31 * hash + order[i].hashCode();
    }
    int slot = (hash ^ (hash >>> 16)) & (SHAPES - 1);
    Shape cached = SHAPE_CACHE[slot];
    if (cached != null && cached.hash == hash && cached.has(order, size, projected)) {
      return cached;
    }
    Shape made = new Shape(Arrays.copyOf(order, size), hash, projected);
    SHAPE_CACHE[slot] = made;
    return made;
  }

  /**
   * Paths in order, the projection they were decoded with, and a table from a path to its position.
   */
  private static final class Shape {
    final String[] paths;
    final int hash;
    final FieldProjection.Snapshot projected;
    // open addressing, position + 1 by the path's hash (0: empty); at most a quarter full, so a
    // missing path mostly stops at its first slot
    private final int[] slots;

    Shape(String[] paths, int hash, FieldProjection.Snapshot projected) {
      this.paths = paths;
      this.hash = hash;
      this.projected = projected;
      int capacity = Integer.highestOneBit(Math.max(1, paths.length * 4)) << 1;
      slots = new int[capacity];
      int mask = capacity - 1;
      for (int i = 0; i < paths.length; i++) {
        int slot = Fields.hash(paths[i]) & mask;
        while (slots[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = i + 1;
      }
    }

    int index(String path) {
      int[] table = slots;
      int mask = table.length - 1;
      for (int slot = Fields.hash(path) & mask; ; slot = (slot + 1) & mask) {
        int at = table[slot] - 1;
        if (at < 0) {
          return -1;
        }
        String here = paths[at];
        if (here == path || here.equals(path)) {
          return at;
        }
      }
    }

    /**
     * True when these are {@code order}'s first {@code size} paths, decoded with {@code projected}.
     */
    boolean has(String[] order, int size, FieldProjection.Snapshot projected) {
      if (paths.length != size || this.projected != projected) {
        return false;
      }
      for (int i = 0; i < size; i++) {
        if (paths[i] != order[i] && !paths[i].equals(order[i])) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Collects one event's values path by path, then {@link #build builds} its fields and starts
   * empty again: a decoder keeps one, so decoding an event allocates no table. Not thread-safe.
   */
  static final class Builder {
    // slot s holds its path at 2s and its values (a list) at 2s + 1
    private Object[] table;
    // the paths in the order they came, and their slots
    private String[] order;
    private int[] orderSlots;
    private int size;
    private boolean multiValued;

    /** A builder for about {@code expected} paths (it grows as needed). */
    Builder(int expected) {
      int paths = Math.max(4, expected);
      table = new Object[2 * (Integer.highestOneBit(paths * 2 - 1) << 1)];
      order = new String[paths];
      orderSlots = new int[paths];
    }

    /** How many paths have values so far. */
    int size() {
      return size;
    }

    boolean containsKey(String path) {
      return table[slot(path) << 1] != null;
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
     * The fields collected (multi-valued lists made read-only), decoded with {@code projected}
     * (null: all fields were); the builder is empty again.
     */
    @SuppressWarnings("unchecked")
    Fields build(FieldProjection.Snapshot projected) {
      Object[] values = new Object[size];
      for (int i = 0; i < size; i++) {
        Object list = table[(orderSlots[i] << 1) + 1];
        values[i] =
            multiValued && list instanceof ArrayList
                ? Collections.unmodifiableList((List<Object>) list)
                : list;
      }
      Fields fields = new Fields(shape(order, size, projected), values);
      clear();
      return fields;
    }

    /** Forgets what was collected (also after a decoder gave up on a document). */
    void clear() {
      for (int i = 0; i < size; i++) {
        table[orderSlots[i] << 1] = null;
        table[(orderSlots[i] << 1) + 1] = null;
        order[i] = null;
      }
      size = 0;
      multiValued = false;
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
      if (size == order.length) {
        order = Arrays.copyOf(order, size * 2);
        orderSlots = Arrays.copyOf(orderSlots, size * 2);
      }
      order[size] = path;
      orderSlots[size] = slot;
      size++;
      if (size * 2 > table.length >> 1) {
        rehash();
      }
    }

    /** Moves the pairs into a table twice as large, noting their new slots. */
    private void rehash() {
      Object[] old = table;
      table = new Object[old.length * 2];
      int mask = (table.length >> 1) - 1;
      for (int i = 0; i < size; i++) {
        int from = orderSlots[i] << 1;
        int slot = hash((String) old[from]) & mask;
        while (table[slot << 1] != null) {
          slot = (slot + 1) & mask;
        }
        table[slot << 1] = old[from];
        table[(slot << 1) + 1] = old[from + 1];
        orderSlots[i] = slot;
      }
    }
  }
}

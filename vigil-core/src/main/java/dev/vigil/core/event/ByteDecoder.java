package dev.vigil.core.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The reader's fastest path: a JSON scanner over the bytes of one line that decodes only the fields
 * a {@link FieldProjection} asks for, and builds no strings for keys or for values it skips. Small
 * enough for the JIT to compile early, which matters as much as its speed: a hunt over a few
 * hundred thousand events is over before heavier code has been compiled.
 *
 * <p>It accepts only what it is sure of — a strictly valid JSON object in well-formed UTF-8, whose
 * keys have no escapes and whose integers fit in a long — and declines (returns null) everything
 * else, every error included, to the general path (a Jackson tree, {@link EventDecoder}), which
 * decodes or reports it. Whatever it accepts it decodes exactly as that path would: the same paths,
 * values and value types (FastDecodingTest holds the two together). One instance per thread.
 */
final class ByteDecoder {
  private static final ThreadLocal<ByteDecoder> PER_THREAD =
      ThreadLocal.withInitial(ByteDecoder::new);
  private static final int MAX_DEPTH = 400;

  /** Dotted paths cached per decoder; beyond this many, new paths are built per document. */
  static final int MAX_CACHED_PATHS = 100_000;

  private static final int MAX_NUMBER_LENGTH = 200;
  private static final byte[] ID = "_id".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] INDEX = "_index".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SOURCE = "_source".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VALUE = "value".getBytes(StandardCharsets.US_ASCII);

  /** Thrown to decline a document; carries no stack. */
  private static final class Decline extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Decline() {
      super(null, null, false, false);
    }
  }

  private static final Decline DECLINE = new Decline();

  private static final int VALUE_CACHE_SIZE = 8192;
  private static final int MAX_CACHED_LENGTH = 128;

  private final byte[][] cachedKeys = new byte[VALUE_CACHE_SIZE][];

  @SuppressWarnings("unchecked")
  private final List<Object>[] cachedValues = (List<Object>[]) new List<?>[VALUE_CACHE_SIZE];

  private static final int NUMBER_CACHE_SIZE = 1024;

  @SuppressWarnings("unchecked")
  private final List<Object>[] cachedNumbers = (List<Object>[]) new List<?>[NUMBER_CACHE_SIZE];

  private final Node root = new Node("");
  private final List<int[]> namesByDepth = new ArrayList<>();
  private int cachedPaths;
  private FieldProjection.Snapshot snapshot;
  private int generation;
  private byte[] b;
  private int i;
  private final Fields.Builder fields = new Fields.Builder(64);

  /** The calling thread's decoder. */
  static ByteDecoder current() {
    return PER_THREAD.get();
  }

  /** The event in {@code bytes}, decoding the fields of {@code projection} (all when null). */
  Event decode(byte[] bytes, EventOrigin origin, FieldProjection projection) {
    FieldProjection.Snapshot current = projection == null ? null : projection.snapshot();
    if (current != snapshot) {
      snapshot = current;
      generation++;
    }
    b = bytes;
    i = 0;
    try {
      skipWhitespace();
      expect('{');
      boolean metadata = false;
      String id = null;
      String index = null;
      int[] names = names(0);
      skipWhitespace();
      if (peek() == '}') {
        i++;
      } else {
        while (true) {
          expect('"');
          int start = i;
          int hash = name();
          int end = i - 1;
          names = addName(names, 0, start, end, hash);
          skipWhitespace();
          expect(':');
          skipWhitespace();
          if (equals(start, end, ID) || equals(start, end, INDEX)) {
            metadata = true;
            String text = metadataText();
            if (equals(start, end, ID)) {
              id = text;
            } else {
              index = text;
            }
          } else {
            if (peek() == '{' && (equals(start, end, SOURCE) || equals(start, end, VALUE))) {
              return null; // an envelope: the general path unwraps it
            }
            value(child(root, start, end, hash), 1);
          }
          skipWhitespace();
          byte next = next();
          if (next == '}') {
            break;
          }
          if (next != ',') {
            return null;
          }
          skipWhitespace();
        }
      }
      skipWhitespace();
      if (i != b.length) {
        return null;
      }
      return new Event(
          bytes,
          metadata,
          Optional.ofNullable(id),
          Optional.ofNullable(index),
          origin,
          fields.build(current),
          projection);
    } catch (Decline | ArrayIndexOutOfBoundsException e) {
      // Running off the end of the line is an incomplete document: declined like any other.
      return null;
    } finally {
      b = null;
      fields.clear();
    }
  }

  private void value(Node path, int depth) {
    if (depth > MAX_DEPTH) {
      throw DECLINE;
    }
    boolean decode;
    boolean descend;
    if (path == Node.SKIPPED) {
      decode = false;
      descend = false;
    } else if (snapshot == null) {
      decode = true;
      descend = true;
    } else {
      if (path.generation != generation) {
        path.generation = generation;
        path.wanted = snapshot.paths().contains(path.dotted);
        path.wantedBelow = snapshot.prefixes().contains(path.dotted);
      }
      decode = path.wanted;
      descend = decode || path.wantedBelow;
    }
    byte c = peek();
    switch (c) {
      case '{' -> object(path, depth, descend);
      case '[' -> {
        // Elasticsearch flattens arrays of arrays and indexes each element under the same path.
        i++;
        skipWhitespace();
        if (peek() == ']') {
          i++;
          return;
        }
        while (true) {
          value(path, depth + 1);
          skipWhitespace();
          byte next = next();
          if (next == ']') {
            return;
          }
          if (next != ',') {
            throw DECLINE;
          }
          skipWhitespace();
        }
      }
      case '"' -> {
        i++;
        int start = i;
        boolean escaped = scanString();
        if (decode) {
          addString(path.dotted, start, i - 1, escaped);
        }
      }
      case 't' -> {
        literal("true");
        if (decode) {
          add(path.dotted, Boolean.TRUE);
        }
      }
      case 'f' -> {
        literal("false");
        if (decode) {
          add(path.dotted, Boolean.FALSE);
        }
      }
      case 'n' ->
          literal("null"); // null is not indexed: the field is missing unless another element has a
      // value
      default -> {
        Object number = number(decode);
        if (decode) {
          if (number instanceof Long whole && !fields.containsKey(path.dotted)) {
            fields.putNew(path.dotted, wholeNumber(whole));
          } else {
            add(path.dotted, number);
          }
        }
      }
    }
  }

  private void object(Node path, int depth, boolean descend) {
    i++;
    int[] names = names(depth);
    skipWhitespace();
    if (peek() == '}') {
      i++;
      return;
    }
    while (true) {
      expect('"');
      int start = i;
      int hash = name();
      int end = i - 1;
      names = addName(names, depth, start, end, hash);
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Node child = descend ? child(path, start, end, hash) : Node.SKIPPED;
      value(child, depth + 1);
      skipWhitespace();
      byte next = next();
      if (next == '}') {
        return;
      }
      if (next != ',') {
        throw DECLINE;
      }
      skipWhitespace();
    }
  }

  /** Scans a key up to its closing quote; ASCII without escapes only. Returns its hash. */
  private int name() {
    int hash = 0;
    while (true) {
      byte c = b[i];
      if (c == '"') {
        i++;
        return hash;
      }
      if (c < 0) {
        int after = utf8(i);
        for (; i < after; i++) {
          hash = 31 * hash + b[i];
        }
        continue;
      }
      if (c < 0x20 || c == '\\') {
        throw DECLINE; // a key with escapes goes to the general path
      }
      hash = 31 * hash + c;
      i++;
    }
  }

  /** Scans a string value after its opening quote; returns its text when {@code decode}. */
  private String string(boolean decode) {
    int start = i;
    boolean escaped = scanString();
    return decode ? text(start, i - 1, escaped) : null;
  }

  /**
   * Scans a string value after its opening quote, leaving the position after its closing quote;
   * true when it holds escapes. Multi-byte characters must be well-formed UTF-8 (Unicode's table
   * 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), which Java's UTF-8 decoding
   * then decodes exactly as Jackson does; anything else is left to the general path, which reports
   * it.
   */
  private boolean scanString() {
    boolean escaped = false;
    while (true) {
      byte c = b[i++];
      if (c == '"') {
        break;
      }
      if (c < 0) {
        i = utf8(i - 1);
        continue;
      }
      if (c == '\\') {
        escaped = true;
        byte e = b[i++];
        if (e == 'u') {
          for (int k = 0; k < 4; k++) {
            if (Character.digit(b[i++], 16) < 0) {
              throw DECLINE;
            }
          }
        } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
            && e != 't') {
          throw DECLINE;
        }
      } else if (c < 0x20) {
        throw DECLINE; // control characters must be escaped
      }
    }
    return escaped;
  }

  /** Checks the well-formed UTF-8 sequence that starts at {@code b[at]}; returns where it ends. */
  private int utf8(int at) {
    int lead = b[at] & 0xFF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      continuation(at + 1, 0x80, 0xBF);
      return at + 2;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      continuation(at + 1, lead == 0xE0 ? 0xA0 : 0x80, lead == 0xED ? 0x9F : 0xBF);
      continuation(at + 2, 0x80, 0xBF);
      return at + 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      continuation(at + 1, lead == 0xF0 ? 0x90 : 0x80, lead == 0xF4 ? 0x8F : 0xBF);
      continuation(at + 2, 0x80, 0xBF);
      continuation(at + 3, 0x80, 0xBF);
      return at + 4;
    }
    throw DECLINE;
  }

  private void continuation(int at, int low, int high) {
    int value = b[at] & 0xFF;
    if (value < low || value > high) {
      throw DECLINE;
    }
  }

  /** The text of the string value in {@code b[start, end)}. */
  private String text(int start, int end, boolean escaped) {
    if (!escaped) {
      return new String(b, start, end - start, StandardCharsets.UTF_8);
    }
    StringBuilder text = new StringBuilder(end - start);
    for (int k = start; k < end; k++) {
      if (b[k] != '\\') {
        int run = k;
        while (k < end && b[k] != '\\') {
          k++;
        }
        text.append(new String(b, run, k - run, StandardCharsets.UTF_8));
        k--;
        continue;
      }
      char e = (char) b[++k];
      switch (e) {
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'u' -> {
          text.append(
              (char) Integer.parseInt(new String(b, k + 1, 4, StandardCharsets.ISO_8859_1), 16));
          k += 4;
        }
        default -> text.append(e); // " \ /
      }
    }
    return text.toString();
  }

  /** A JSON number: a Long for integers that fit, a Double for fractions and exponents. */
  private Object number(boolean decode) {
    int start = i;
    if (b[i] == '-') {
      i++;
    }
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      while (i < b.length && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
    } else {
      throw DECLINE;
    }
    boolean integral = true;
    if (i < b.length && b[i] == '.') {
      integral = false;
      i++;
      digits();
    }
    if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
      integral = false;
      i++;
      if (b[i] == '+' || b[i] == '-') {
        i++;
      }
      digits();
    }
    int length = i - start;
    if (length > MAX_NUMBER_LENGTH || (integral && length > 18)) {
      throw DECLINE; // long integers (maybe beyond a long) and huge numbers: Jackson decides
    }
    if (!decode) {
      return null;
    }
    if (integral) {
      long value = 0;
      int k = b[start] == '-' ? start + 1 : start;
      for (; k < i; k++) {
        value = value * 10 + (b[k] - '0');
      }
      return b[start] == '-' ? -value : value;
    }
    return Double.parseDouble(new String(b, start, length, StandardCharsets.ISO_8859_1));
  }

  private void digits() {
    if (!(b[i] >= '0' && b[i] <= '9')) {
      throw DECLINE;
    }
    while (i < b.length && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
  }

  private void literal(String word) {
    for (int k = 0; k < word.length(); k++) {
      if (b[i++] != word.charAt(k)) {
        throw DECLINE;
      }
    }
  }

  /** A top-level {@code _id}/{@code _index} value as text (as the general path gives it). */
  private String metadataText() {
    byte c = peek();
    if (c == '"') {
      i++;
      return string(true);
    }
    if (c == '{' || c == '[' || c == 'n') {
      value(Node.SKIPPED, 1);
      return null;
    }
    if (c == 't' || c == 'f') {
      literal(c == 't' ? "true" : "false");
      return c == 't' ? "true" : "false";
    }
    Object number = number(true);
    return number.toString();
  }

  /**
   * Adds the string value in {@code b[start, end)}. Values repeat a lot from event to event (host
   * and user names, categories, executables), and events kept for later hold theirs until the end
   * of the hunt, so a small cache hands out one shared immutable single-value list per recent text
   * instead of a new string and list per event.
   */
  private void addString(String path, int start, int end, boolean escaped) {
    if (escaped || end - start > MAX_CACHED_LENGTH || fields.containsKey(path)) {
      add(path, text(start, end, escaped));
      return;
    }
    int hash = 1;
    for (int k = start; k < end; k++) {
      hash = 31 * hash + b[k];
    }
    int slot = (hash ^ (hash >>> 16)) & (VALUE_CACHE_SIZE - 1);
    byte[] key = cachedKeys[slot];
    List<Object> one;
    if (key != null && Arrays.equals(key, 0, key.length, b, start, end)) {
      one = cachedValues[slot];
    } else {
      one = List.of(text(start, end, false));
      cachedKeys[slot] = Arrays.copyOfRange(b, start, end);
      cachedValues[slot] = one;
    }
    fields.putNew(path, one);
  }

  /**
   * One shared immutable single-value list per recent whole number, as {@link #addString} does for
   * texts: process ids, ports and user ids repeat from event to event, and a kept event would
   * otherwise hold a number and a list of its own for each.
   */
  private List<Object> wholeNumber(Long value) {
    long number = value;
    int slot = Long.hashCode(number * 0x9E3779B97F4A7C15L) & (NUMBER_CACHE_SIZE - 1);
    List<Object> one = cachedNumbers[slot];
    if (one != null && (Long) one.get(0) == number) {
      return one;
    }
    one = List.of(value);
    cachedNumbers[slot] = one;
    return one;
  }

  private void add(String path, Object value) {
    fields.add(path, value);
  }

  // ---- keys: repeated-key detection and the path cache

  private int[] names(int depth) {
    while (namesByDepth.size() <= depth) {
      namesByDepth.add(new int[1 + 3 * 16]);
    }
    int[] names = namesByDepth.get(depth);
    names[0] = 0;
    return names;
  }

  /**
   * Records a key of the object at {@code depth} (start, end, hash triples after a count),
   * declining a repeated one: Elasticsearch rejects such documents, and the general path reports
   * them.
   */
  private int[] addName(int[] names, int depth, int start, int end, int hash) {
    int count = names[0];
    for (int k = 0; k < count; k++) {
      int at = 1 + 3 * k;
      if (names[at + 2] == hash && Arrays.equals(b, names[at], names[at + 1], b, start, end)) {
        throw DECLINE;
      }
    }
    int at = 1 + 3 * count;
    if (at + 3 > names.length) {
      names = Arrays.copyOf(names, names.length * 2);
      namesByDepth.set(depth, names);
    }
    names[at] = start;
    names[at + 1] = end;
    names[at + 2] = hash;
    names[0] = count + 1;
    return names;
  }

  private boolean equals(int start, int end, byte[] word) {
    return Arrays.equals(b, start, end, word, 0, word.length);
  }

  private Node child(Node parent, int start, int end, int hash) {
    Node found = parent.find(b, start, end, hash);
    if (found != null) {
      return found;
    }
    String name = new String(b, start, end - start, StandardCharsets.UTF_8);
    String dotted = parent == root ? name : parent.dotted + "." + name;
    if (cachedPaths >= MAX_CACHED_PATHS) {
      return new Node(dotted);
    }
    // Interned, as the paths compiled queries read are (FieldReader, FieldMatch): field lookups
    // then find equal keys by identity.
    Node child = new Node(dotted.intern());
    parent.add(Arrays.copyOfRange(b, start, end), hash, child);
    cachedPaths++;
    return child;
  }

  private byte peek() {
    return b[i];
  }

  private byte next() {
    return b[i++];
  }

  private void expect(char c) {
    if (b[i++] != c) {
      throw DECLINE;
    }
  }

  private void skipWhitespace() {
    while (i < b.length) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      i++;
    }
  }

  /** A dotted path, its children by key bytes, and whether the projection decodes it. */
  private static final class Node {
    /** Stands for any path below one nothing is decoded under. */
    static final Node SKIPPED = new Node(null);

    final String dotted;
    private byte[][] keys = new byte[0][];
    private int[] hashes = new int[0];
    private Node[] children = new Node[0];
    int generation = -1;
    boolean wanted;
    boolean wantedBelow;

    Node(String dotted) {
      this.dotted = dotted;
    }

    Node find(byte[] b, int start, int end, int hash) {
      for (int k = 0; k < hashes.length; k++) {
        if (hashes[k] == hash && Arrays.equals(keys[k], 0, keys[k].length, b, start, end)) {
          return children[k];
        }
      }
      return null;
    }

    void add(byte[] key, int hash, Node child) {
      int n = hashes.length;
      keys = Arrays.copyOf(keys, n + 1);
      hashes = Arrays.copyOf(hashes, n + 1);
      children = Arrays.copyOf(children, n + 1);
      keys[n] = key;
      hashes[n] = hash;
      children[n] = child;
    }
  }
}

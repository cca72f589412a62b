package dev.vigil.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes one JSON document straight from its bytes into an {@link Event}'s dotted-path fields with
 * Jackson's token stream: no tree is built, and the source tree is parsed from the kept bytes only
 * if someone asks for it (alerts, explanations). This is the reader's fast path; it gives the same
 * fields as {@link EventDecoder} for every document it accepts.
 *
 * <p>It declines (returns null) whatever needs the general path: malformed JSON (so the reader can
 * report it in its own words, repeated keys in one object included), a value that is not one
 * object, trailing content, and the {@code _source} and es_archiver envelopes. One instance per
 * thread: it caches the dotted paths it has built and reuses its key lists.
 */
final class StreamingDecoder {
  /** Dotted paths cached per decoder; beyond this many, new paths are built per document. */
  static final int MAX_CACHED_PATHS = 100_000;

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private static final ThreadLocal<StreamingDecoder> PER_THREAD =
      ThreadLocal.withInitial(StreamingDecoder::new);

  private final Path root = new Path("");
  private int cachedPaths;
  private FieldProjection.Snapshot snapshot;
  private int generation;
  private final List<Names> namesByDepth = new ArrayList<>();

  /** The calling thread's decoder. */
  static StreamingDecoder current() {
    return PER_THREAD.get();
  }

  /**
   * The event in {@code bytes} (one UTF-8 JSON object), or null when the general path must decide.
   */
  Event decode(byte[] bytes, EventOrigin origin) {
    return decode(bytes, origin, null);
  }

  /**
   * As {@link #decode(byte[], EventOrigin)}, decoding only the fields of {@code projection}'s
   * current snapshot (all fields when it is null); the event decodes the rest if asked.
   */
  Event decode(byte[] bytes, EventOrigin origin, FieldProjection projection) {
    FieldProjection.Snapshot snapshot = projection == null ? null : projection.snapshot();
    if (snapshot != this.snapshot) {
      this.snapshot = snapshot;
      generation++;
    }
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Fields fields = new Fields(snapshot == null ? 64 : 16);
      boolean metadata = false;
      String id = null;
      String index = null;
      Names names = names(0);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (names.repeats(name)) {
          return null;
        }
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_OBJECT && (name.equals("_source") || name.equals("value"))) {
          return null;
        }
        if (name.equals("_id") || name.equals("_index")) {
          metadata = true;
          String text = metadataText(parser, token);
          if (name.equals("_id")) {
            id = text;
          } else {
            index = text;
          }
          continue;
        }
        value(parser, token, child(root, name), fields, 1);
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return null;
      }
      return new Event(
          bytes,
          metadata,
          Optional.ofNullable(id),
          Optional.ofNullable(index),
          origin,
          fields.seal(),
          projection,
          snapshot);
    } catch (IOException | RuntimeException e) {
      // Malformed or over a parser constraint: the general path reads it again and reports it.
      return null;
    }
  }

  private void value(JsonParser parser, JsonToken token, Path path, Fields out, int depth)
      throws IOException {
    if (snapshot != null && path.generation != generation) {
      path.generation = generation;
      path.wanted = snapshot.paths().contains(path.dotted);
      path.wantedBelow = snapshot.prefixes().contains(path.dotted);
    }
    if (snapshot != null && !path.wanted) {
      if (!path.wantedBelow) {
        skip(parser, token, depth);
        return;
      }
      if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
        return;
      }
    }
    switch (token) {
      case START_OBJECT -> {
        Names names = names(depth);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          if (names.repeats(name)) {
            throw new DuplicateKey();
          }
          value(parser, parser.nextToken(), child(path, name), out, depth + 1);
        }
      }
      case START_ARRAY -> {
        // Elasticsearch flattens arrays of arrays and indexes each element under the same path.
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
          value(parser, element, path, out, depth + 1);
        }
      }
      case VALUE_STRING -> add(out, path.dotted, parser.getText());
      case VALUE_NUMBER_INT ->
          add(
              out,
              path.dotted,
              parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                  ? parser.getBigIntegerValue()
                  : (Object) parser.getLongValue());
      case VALUE_NUMBER_FLOAT -> add(out, path.dotted, parser.getDoubleValue());
      case VALUE_TRUE -> add(out, path.dotted, Boolean.TRUE);
      case VALUE_FALSE -> add(out, path.dotted, Boolean.FALSE);
      case VALUE_NULL -> {
        // null is not indexed: the field is missing unless another element has a value
      }
      default -> throw new IOException("unexpected token " + token);
    }
  }

  /**
   * Reads past a value no projected field is in, still checking each object for repeated keys. The
   * parser checks the syntax, and does not decode the strings it skips.
   */
  private void skip(JsonParser parser, JsonToken token, int depth) throws IOException {
    if (token == JsonToken.START_OBJECT) {
      Names names = names(depth);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        if (names.repeats(parser.currentName())) {
          throw new DuplicateKey();
        }
        skip(parser, parser.nextToken(), depth + 1);
      }
    } else if (token == JsonToken.START_ARRAY) {
      JsonToken element;
      while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
        skip(parser, element, depth + 1);
      }
    }
  }

  /** The key list for an object at {@code depth}, emptied; reused from document to document. */
  private Names names(int depth) {
    while (namesByDepth.size() <= depth) {
      namesByDepth.add(new Names());
    }
    Names names = namesByDepth.get(depth);
    names.size = 0;
    return names;
  }

  /**
   * The keys of one object so far. Elasticsearch rejects a document with a repeated key, and so
   * does the general path; objects have few keys, so a scan comparing cached hashes is cheaper than
   * Jackson's hash-set based detection.
   */
  private static final class Names {
    String[] keys = new String[16];
    int size;

    /** Adds {@code name}; true when the object already had it. */
    boolean repeats(String name) {
      int hash = name.hashCode();
      for (int i = 0; i < size; i++) {
        String key = keys[i];
        if (key == name || (key.hashCode() == hash && key.equals(name))) {
          return true;
        }
      }
      if (size == keys.length) {
        keys = java.util.Arrays.copyOf(keys, size * 2);
      }
      keys[size++] = name;
      return false;
    }
  }

  /** A repeated key: the document goes to the general path, which reports it. */
  private static final class DuplicateKey extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DuplicateKey() {
      super(null, null, false, false);
    }
  }

  /** As {@code JsonNode.asText()} would give it for the tree path; null for null and containers. */
  private String metadataText(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT, START_ARRAY -> {
        skip(parser, token, 1);
        return null;
      }
      case VALUE_NULL -> {
        return null;
      }
      case VALUE_NUMBER_FLOAT -> {
        return Double.toString(parser.getDoubleValue());
      }
      case VALUE_NUMBER_INT -> {
        return parser.getNumberValue().toString();
      }
      default -> {
        return parser.getText();
      }
    }
  }

  private static void add(Fields out, String path, Object value) {
    out.add(path, value);
  }

  private Path child(Path parent, String name) {
    Path child = parent.children == null ? null : parent.children.get(name);
    if (child != null) {
      return child;
    }
    String dotted = parent == root ? name : parent.dotted + "." + name;
    child = new Path(cachedPaths < MAX_CACHED_PATHS ? dotted.intern() : dotted);
    if (cachedPaths < MAX_CACHED_PATHS) {
      if (parent.children == null) {
        parent.children = new HashMap<>();
      }
      parent.children.put(name, child);
      cachedPaths++;
    }
    return child;
  }

  /** A dotted path and the paths below it, so each path string is built once per decoder. */
  private static final class Path {
    final String dotted;
    Map<String, Path> children;
    // whether the current projection decodes this path, or a path below it
    int generation = -1;
    boolean wanted;
    boolean wantedBelow;

    Path(String dotted) {
      this.dotted = dotted;
    }
  }
}

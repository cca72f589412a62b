package dev.vigil.core.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Shared Jackson mappers, each built on first use. Building the first mapper loads a few hundred
 * classes (about a quarter of a second on the development machine); commands that never need one,
 * such as {@code --version} or a hunt whose events all take the reader's fast path, should not pay
 * for it at start-up. Mappers are thread-safe once built.
 */
public final class Json {
  private Json() {}

  /** A mapper with Jackson's defaults. */
  public static ObjectMapper mapper() {
    return Plain.MAPPER;
  }

  /**
   * A mapper that rejects an object repeating a key, as Elasticsearch rejects such a document (its
   * JSON parser enables strict duplicate detection).
   */
  public static ObjectMapper strictMapper() {
    return Strict.MAPPER;
  }

  private static final class Plain {
    static final ObjectMapper MAPPER = JsonMapper.builder().build();
  }

  private static final class Strict {
    static final ObjectMapper MAPPER =
        JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  }
}

package dev.vigil.engine.alert;

import dev.vigil.core.value.Dates;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The npm {@code object-hash} function with its default options (SHA-1, hex), which Kibana uses for
 * new_terms and suppression alert ids. Ids must match Kibana's to the bit, so this reproduces the
 * library's serialization exactly, including its quirks: every plain object is written with the
 * pseudo-keys {@code prototype}, {@code __proto__} and {@code constructor} before its sorted own
 * keys; the first {@code __proto__} expands {@code Object.prototype} (whose constructor is the
 * native {@code Object} function); and any object, array, date or function met again in the same
 * hash is written as {@code [CIRCULAR:n]}, n being its position in visit order.
 *
 * <p>Values: {@link String}, {@link Number} (as JavaScript prints numbers), {@link Boolean}, {@code
 * null}, {@link #UNDEFINED}, {@link List} (array), {@link Map} with string keys (plain object) and
 * {@link Instant} (Date).
 */
public final class ObjectHash {
  /** JavaScript's {@code undefined}, which object-hash writes as {@code Undefined}. */
  public static final Object UNDEFINED = new Object();

  private static final Object OBJECT_PROTOTYPE = new Object();
  private static final Object OBJECT_CONSTRUCTOR = new Object();

  private final StringBuilder out = new StringBuilder();
  private final Map<Object, Integer> visited = new IdentityHashMap<>();

  private ObjectHash() {}

  /** The hex SHA-1 object-hash of {@code value}. */
  public static String hash(Object value) {
    return sha1Hex(serialize(value));
  }

  /** The text object-hash feeds to SHA-1; exposed for tests and diagnostics. */
  public static String serialize(Object value) {
    ObjectHash serializer = new ObjectHash();
    serializer.dispatch(value);
    return serializer.out.toString();
  }

  private void dispatch(Object value) {
    if (value == null) {
      out.append("Null");
    } else if (value == UNDEFINED) {
      out.append("Undefined");
    } else if (value instanceof String text) {
      string(text);
    } else if (value instanceof Boolean bool) {
      out.append("bool:").append(bool);
    } else if (value instanceof Number number) {
      out.append("number:").append(javaScriptNumber(number));
    } else if (value == OBJECT_CONSTRUCTOR) {
      nativeObjectFunction();
    } else if (!enter(value)) {
      return;
    } else if (value instanceof List<?> list) {
      out.append("array:").append(list.size()).append(':');
      for (Object element : list) {
        dispatch(element);
      }
    } else if (value instanceof Instant instant) {
      out.append("date:").append(Dates.formatMillis(instant));
    } else if (value == OBJECT_PROTOTYPE) {
      // Object.prototype has no enumerable own keys; its __proto__ is null.
      out.append("object:3:");
      entry("prototype", UNDEFINED);
      entry("__proto__", null);
      entry("constructor", OBJECT_CONSTRUCTOR);
    } else if (value instanceof Map<?, ?> map) {
      List<String> keys = new ArrayList<>();
      for (Object key : map.keySet()) {
        keys.add((String) key);
      }
      keys.sort(null);
      out.append("object:").append(keys.size() + 3).append(':');
      entry("prototype", UNDEFINED);
      entry("__proto__", OBJECT_PROTOTYPE);
      entry("constructor", OBJECT_CONSTRUCTOR);
      for (String key : keys) {
        Object entryValue = map.get(key);
        entry(key, entryValue);
      }
    } else {
      throw new IllegalArgumentException("object-hash has no form for " + value.getClass());
    }
  }

  /** Records a visit; false (after writing the circular marker) when already visited. */
  private boolean enter(Object value) {
    Integer seen = visited.get(value);
    if (seen != null) {
      string("[CIRCULAR:" + seen + "]");
      return false;
    }
    visited.put(value, visited.size());
    return true;
  }

  private void entry(String key, Object value) {
    string(key);
    out.append(':');
    dispatch(value);
    out.append(',');
  }

  private void string(String text) {
    out.append("string:").append(text.length()).append(':').append(text);
  }

  /** The native {@code Object} function: its source, name, then its (empty) own properties. */
  private void nativeObjectFunction() {
    out.append("fn:");
    string("[native]");
    string("function-name:Object");
    if (enter(OBJECT_CONSTRUCTOR)) {
      out.append("object:0:");
    }
  }

  /** {@code String(n)} in JavaScript for the numbers alert ids contain. */
  static String javaScriptNumber(Number number) {
    if (number instanceof Long
        || number instanceof Integer
        || number instanceof Short
        || number instanceof Byte) {
      long value = number.longValue();
      if (Math.abs(value) < (1L << 53)) {
        return Long.toString(value);
      }
      return javaScriptNumber((double) value);
    }
    if (number instanceof BigInteger big) {
      return javaScriptNumber(big.doubleValue());
    }
    double value = number.doubleValue();
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e21) {
      return new BigDecimal(value).toBigInteger().toString();
    }
    // Shortest round-trip digits, as both Java and JavaScript produce; only the layout differs.
    BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = decimal.precision() - decimal.scale() - 1;
    if (exponent >= -6 && exponent < 21) {
      return decimal.toPlainString();
    }
    String digits = decimal.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (value < 0 ? "-" : "") + mantissa + "e" + (exponent > 0 ? "+" : "") + exponent;
  }

  static String sha1Hex(String text) {
    return digestHex("SHA-1", text);
  }

  static String digestHex(String algorithm, String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every JVM", e);
    }
  }
}

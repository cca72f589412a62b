package dev.vigil.eql.compile;

import dev.vigil.core.value.CaseFolding;
import dev.vigil.core.value.Dates;
import dev.vigil.core.value.IpAddress;
import dev.vigil.eql.analysis.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Run-time value semantics shared by every compiled operator. Values are {@link String}, {@link
 * Long}, {@link Double}, {@link BigInteger}, {@link Boolean}, {@link Instant}, {@link IpAddress},
 * {@link Version} or null.
 *
 * <p>Strings compare by code point, which is the UTF-8 byte order Lucene's terms use. Values of
 * different kinds compare only where Elasticsearch converts one into the other: a string with a
 * date, ip or version (parsed), a number with a date (epoch milliseconds), and — for dynamically
 * typed fields only — a numeric string with a number.
 */
public final class Values {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(java.time.ZoneOffset.UTC);

  private Values() {}

  /** The order of {@code a} and {@code b}, or null when they do not compare. */
  public static Integer compare(Object a, Object b) {
    if (a == null || b == null) {
      return null;
    }
    if (a instanceof String && b instanceof String) {
      return compareStrings((String) a, (String) b);
    }
    if (a instanceof Long && b instanceof Long) {
      return Long.compare((Long) a, (Long) b);
    }
    if (a instanceof Number && b instanceof Number) {
      return compareNumbers((Number) a, (Number) b);
    }
    if (a instanceof Boolean && b instanceof Boolean) {
      return Boolean.compare((Boolean) a, (Boolean) b);
    }
    if (a instanceof Instant || b instanceof Instant) {
      Instant left = toInstant(a);
      Instant right = toInstant(b);
      return left == null || right == null ? null : left.compareTo(right);
    }
    if (a instanceof IpAddress || b instanceof IpAddress) {
      IpAddress left = toIp(a);
      IpAddress right = toIp(b);
      return left == null || right == null ? null : left.compareTo(right);
    }
    if (a instanceof Version || b instanceof Version) {
      if (!(a instanceof Version || a instanceof String)
          || !(b instanceof Version || b instanceof String)) {
        return null;
      }
      Version left = a instanceof Version ? (Version) a : Version.parse((String) a);
      Version right = b instanceof Version ? (Version) b : Version.parse((String) b);
      return left.compareTo(right);
    }
    if (a instanceof String && b instanceof Number) {
      Number parsed = parseNumber((String) a);
      return parsed == null ? null : compareNumbers(parsed, (Number) b);
    }
    if (a instanceof Number && b instanceof String) {
      Number parsed = parseNumber((String) b);
      return parsed == null ? null : compareNumbers((Number) a, parsed);
    }
    return null;
  }

  /** Equality: null when either is null; false when the values do not compare. */
  public static Boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return null;
    }
    if (a instanceof String left && b instanceof String right) {
      // the order compareStrings gives is 0 exactly for equal strings; equals is an intrinsic
      return left.equals(right);
    }
    Integer order = compare(a, b);
    return order != null && order == 0;
  }

  /** Case-insensitive equality for strings (Lucene folding), plain equality otherwise. */
  public static Boolean equalInsensitive(Object a, Object b) {
    if (a instanceof String && b instanceof String) {
      return CaseFolding.lower((String) a).equals(CaseFolding.lower((String) b));
    }
    return equal(a, b);
  }

  public static int compareStrings(String a, String b) {
    int length = Math.min(a.length(), b.length());
    for (int i = 0; i < length; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // Surrogates (U+D800..DFFF) encode code points above U+FFFF, which sort after U+E000..FFFF
        // in code point (and UTF-8) order, unlike in UTF-16 order.
        boolean xs = Character.isSurrogate(x);
        boolean ys = Character.isSurrogate(y);
        if (xs != ys && (x >= 0xE000 || y >= 0xE000)) {
          return xs ? 1 : -1;
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  static int compareNumbers(Number a, Number b) {
    if (a instanceof Long && b instanceof Long) {
      return Long.compare(a.longValue(), b.longValue());
    }
    if (a instanceof Double || b instanceof Double || a instanceof Float || b instanceof Float) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    return toBig(a).compareTo(toBig(b));
  }

  private static BigDecimal toBig(Number n) {
    if (n instanceof BigInteger) {
      return new BigDecimal((BigInteger) n);
    }
    if (n instanceof Long || n instanceof Integer) {
      return BigDecimal.valueOf(n.longValue());
    }
    return BigDecimal.valueOf(n.doubleValue());
  }

  /** A number from text: a long when integral, else a double; null when not a number. */
  public static Number parseNumber(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      try {
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? value : null;
      } catch (NumberFormatException e2) {
        return null;
      }
    }
  }

  static Instant toInstant(Object value) {
    if (value instanceof Instant) {
      return (Instant) value;
    }
    if (value instanceof String) {
      return Dates.parse((String) value).orElse(null);
    }
    if (value instanceof Long) {
      return Instant.ofEpochMilli((Long) value);
    }
    if (value instanceof Double) {
      return Dates.ofEpochMillis(BigDecimal.valueOf((Double) value)).orElse(null);
    }
    return null;
  }

  static IpAddress toIp(Object value) {
    if (value instanceof IpAddress) {
      return (IpAddress) value;
    }
    if (value instanceof String) {
      return IpAddress.parse((String) value).orElse(null);
    }
    return null;
  }

  /**
   * A constant converted to the domain of a typed operand, once at compile time: date strings and
   * epoch millis to {@link Instant}, ip strings to {@link IpAddress}, version strings to {@link
   * Version}. Empty when the constant does not convert (it then matches nothing).
   */
  public static Optional<Object> coerceConstant(Object constant, DataType target) {
    if (constant == null) {
      return Optional.empty();
    }
    switch (target) {
      case DATE:
        return Optional.ofNullable(toInstant(constant));
      case IP:
        return Optional.ofNullable(toIp(constant));
      case VERSION:
        return constant instanceof String
            ? Optional.of(Version.parse((String) constant))
            : Optional.of(constant);
      default:
        return Optional.of(constant);
    }
  }

  /** The text Elasticsearch would show for a value (concat, string(), wildcard on non-strings). */
  public static String toText(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant) {
      return ISO_MILLIS.format(((Instant) value).truncatedTo(ChronoUnit.MILLIS));
    }
    return value.toString();
  }

  /** A sequence join key as Elasticsearch's sequence response renders it. */
  public static Object sequenceKey(Object value) {
    if (value instanceof Instant) {
      return ISO_MILLIS.format((Instant) value);
    }
    if (value instanceof IpAddress || value instanceof Version) {
      return value.toString();
    }
    return value;
  }

  /** A sample join key as Elasticsearch's sample response renders it (dates as epoch millis). */
  public static Object sampleKey(Object value) {
    if (value instanceof Instant) {
      return ((Instant) value).toEpochMilli();
    }
    if (value instanceof IpAddress || value instanceof Version) {
      return value.toString();
    }
    return value;
  }

  /** A total order over key values of any kind: null first, then by kind, then by value. */
  public static int compareKeys(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a == null || b == null) {
      return a == null ? -1 : 1;
    }
    if (a.getClass() == b.getClass() || (a instanceof Number && b instanceof Number)) {
      Integer order = compare(a, b);
      if (order != null) {
        return order;
      }
    }
    int kind = a.getClass().getName().compareTo(b.getClass().getName());
    return kind != 0 ? kind : a.toString().compareTo(b.toString());
  }
}

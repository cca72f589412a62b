package dev.vigil.core.value;

import dev.vigil.core.schema.FieldMapping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Turns a JSON source value into the value Elasticsearch indexes for a field, or nothing when the
 * field would not index it (too long for {@code ignore_above}, or malformed: the {@code logs-*}
 * index templates set {@code ignore_malformed}, so such values are dropped rather than failing the
 * document).
 *
 * <p>Source values are what the event reader produces: {@link String}, {@link Long}, {@link
 * BigInteger}, {@link Double}, {@link Boolean}. Results by family: keyword-like and text → {@link
 * String} (normalized); whole numbers → {@link Long} ({@link BigInteger} for unsigned_long above
 * {@code Long.MAX_VALUE}); other numbers → {@link Double} (rounded to the field's precision); dates
 * → {@link Instant} (millisecond precision for {@code date}); ip → {@link IpAddress}; boolean →
 * {@link Boolean}.
 */
public final class Coercion {
  private static final BigInteger UNSIGNED_LONG_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private Coercion() {}

  /** The indexed value of {@code source} for {@code mapping}, or empty when none is indexed. */
  public static Optional<Object> coerce(Object source, FieldMapping mapping) {
    return Optional.ofNullable(coerceOrNull(source, mapping));
  }

  /** As {@link #coerce}, returning null for no value: for hot paths that should not allocate. */
  public static Object coerceOrNull(Object source, FieldMapping mapping) {
    return switch (mapping.type()) {
      case KEYWORD, WILDCARD, CONSTANT_KEYWORD, VERSION -> keyword(source, mapping);
      case TEXT, MATCH_ONLY_TEXT -> source instanceof Boolean ? null : keywordText(source);
      case LONG -> integral(source, Long.MIN_VALUE, Long.MAX_VALUE);
      case INTEGER -> integral(source, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case SHORT -> integral(source, Short.MIN_VALUE, Short.MAX_VALUE);
      case BYTE -> integral(source, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case UNSIGNED_LONG -> unsignedLong(source);
      case DOUBLE -> floating(source);
      case FLOAT -> toFloatPrecision(floating(source));
      case HALF_FLOAT -> toHalfPrecision(floating(source));
      case SCALED_FLOAT -> scaled(floating(source), mapping.scalingFactor().orElse(1.0));
      case DATE -> date(source, true);
      case DATE_NANOS -> date(source, false);
      case IP -> source instanceof String text ? ip(text) : null;
      case BOOLEAN -> bool(source);
      case BINARY, GEO_POINT, FLATTENED, OBJECT, NESTED, ALIAS, UNSUPPORTED -> null;
    };
  }

  /** A keyword-family value: numbers and booleans as their text; normalizer; ignore_above. */
  private static String keyword(Object source, FieldMapping mapping) {
    String value = keywordText(source);
    if (value == null || value.length() > mapping.ignoreAbove()) {
      return null;
    }
    return mapping.lowercases() ? CaseFolding.lower(value) : value;
  }

  /**
   * The address a string indexes as, or null. Parsed once per string object and thread: the event
   * reader shares short values across events, and every rule testing {@code destination.ip} would
   * otherwise parse the same text again. A small table replaced on collision; addresses are
   * immutable, so one may serve any number of events.
   */
  private static IpAddress ip(String text) {
    Object[] cache = IP_CACHE.get();
    int slot = (text.hashCode() & (IP_CACHE_SIZE - 1)) << 1;
    if (cache[slot] == text) {
      return (IpAddress) cache[slot + 1];
    }
    IpAddress address = IpAddress.parse(text).orElse(null);
    cache[slot] = text;
    cache[slot + 1] = address;
    return address;
  }

  private static final int IP_CACHE_SIZE = 1024;

  // Per thread, slot s holding a string at 2s and its address (or null) at 2s + 1.
  private static final ThreadLocal<Object[]> IP_CACHE =
      ThreadLocal.withInitial(() -> new Object[IP_CACHE_SIZE * 2]);

  /**
   * The text a keyword field indexes for a source value: a string as it is, a number or boolean as
   * its JSON text; null for anything else (objects).
   */
  public static String keywordText(Object source) {
    if (source instanceof String text) {
      return text;
    }
    if (source instanceof Long number && number >= 0 && number < SMALL_NUMBERS.length) {
      // ids such as user.id 0 or 1000 are JSON numbers in most events: no new string per read
      return SMALL_NUMBERS[number.intValue()];
    }
    if (source instanceof Number || source instanceof Boolean) {
      return source.toString();
    }
    return null;
  }

  private static final String[] SMALL_NUMBERS = new String[1024];

  static {
    for (int i = 0; i < SMALL_NUMBERS.length; i++) {
      SMALL_NUMBERS[i] = Integer.toString(i);
    }
  }

  /**
   * Whole numbers. Elasticsearch coerces by default: strings are parsed and fractions truncated; an
   * empty string is no value; out-of-range values are malformed.
   */
  private static Long integral(Object source, long min, long max) {
    BigDecimal value = decimal(source);
    if (value == null) {
      return null;
    }
    BigInteger whole = value.toBigInteger();
    if (whole.bitLength() > 63) {
      return null;
    }
    long result = whole.longValue();
    return result < min || result > max ? null : result;
  }

  private static Object unsignedLong(Object source) {
    BigDecimal value = decimal(source);
    if (value == null) {
      return null;
    }
    BigInteger whole = value.toBigInteger();
    if (whole.signum() < 0 || whole.compareTo(UNSIGNED_LONG_MAX) > 0) {
      return null;
    }
    return whole.bitLength() <= 63 ? (Object) whole.longValue() : whole;
  }

  private static BigDecimal decimal(Object source) {
    if (source instanceof Long value) {
      return BigDecimal.valueOf(value);
    }
    if (source instanceof BigInteger value) {
      return new BigDecimal(value);
    }
    if (source instanceof Double value) {
      return Double.isFinite(value) ? BigDecimal.valueOf(value) : null;
    }
    if (source instanceof String text) {
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Floating point; non-finite values are rejected by Elasticsearch. */
  private static Double floating(Object source) {
    double value;
    if (source instanceof Number number) {
      value = number.doubleValue();
    } else if (source instanceof String text) {
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      return null;
    }
    return Double.isFinite(value) ? value : null;
  }

  private static Double toFloatPrecision(Double value) {
    if (value == null) {
      return null;
    }
    float rounded = value.floatValue();
    return Float.isFinite(rounded) ? (double) rounded : null;
  }

  /** Rounds to IEEE half precision (10 mantissa bits), which half_float stores. */
  private static Double toHalfPrecision(Double value) {
    if (value == null) {
      return null;
    }
    double magnitude = Math.abs(value);
    if (magnitude > 65504.0) {
      return null;
    }
    if (magnitude < 6.103515625e-05) {
      // subnormal range: a fixed step of 2^-24
      return Math.rint(value * 16777216.0) / 16777216.0;
    }
    int exponent = Math.getExponent(value);
    double step = Math.scalb(1.0, exponent - 10);
    return Math.rint(value / step) * step;
  }

  private static Double scaled(Double value, double factor) {
    return value == null ? null : Math.round(value * factor) / factor;
  }

  /**
   * Dates: strings in the default format, numbers as epoch milliseconds. A {@code date} field keeps
   * millisecond precision, {@code date_nanos} nanoseconds.
   */
  private static Instant date(Object source, boolean millisecondsOnly) {
    Optional<Instant> instant;
    if (source instanceof String text) {
      instant = Dates.parse(text);
    } else if (source instanceof Long value) {
      instant = Dates.ofEpochMillis(BigDecimal.valueOf(value));
    } else if (source instanceof BigInteger value) {
      instant = Dates.ofEpochMillis(new BigDecimal(value));
    } else if (source instanceof Double value && Double.isFinite(value)) {
      instant = Dates.ofEpochMillis(BigDecimal.valueOf(value));
    } else {
      return null;
    }
    if (instant.isEmpty()) {
      return null;
    }
    return millisecondsOnly ? instant.get().truncatedTo(ChronoUnit.MILLIS) : instant.get();
  }

  /** true/false, "true"/"false", and "" (false), as Elasticsearch's boolean field accepts. */
  private static Boolean bool(Object source) {
    if (source instanceof Boolean value) {
      return value;
    }
    if (source instanceof String text) {
      return switch (text) {
        case "true" -> Boolean.TRUE;
        case "false", "" -> Boolean.FALSE;
        default -> null;
      };
    }
    return null;
  }
}

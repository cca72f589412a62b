package dev.vigil.core.value;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Parses dates as Elasticsearch's default date format {@code
 * strict_date_optional_time||epoch_millis} does.
 *
 * <p>{@code strict_date_optional_time}: {@code yyyy[-MM[-dd]]} optionally followed by {@code T} and
 * {@code HH[:mm[:ss[.fraction]]]} with 1 to 9 fraction digits ('.' or ','), then an optional zone
 * {@code Z}, {@code ±HH}, {@code ±HHmm} or {@code ±HH:mm}; no zone means UTC. {@code epoch_millis}:
 * an optionally signed number of milliseconds since the epoch with an optional fraction (down to
 * nanoseconds). Hand-written rather than a {@code DateTimeFormatter} because that is several times
 * slower and every event's timestamp goes through here.
 */
public final class Dates {
  private Dates() {}

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * An instant as Elasticsearch prints a {@code date} field and as JavaScript's {@code Date.toJSON}
   * does: ISO 8601, UTC, always three fraction digits (finer digits are dropped).
   */
  public static String formatMillis(Instant instant) {
    return MILLIS.format(instant);
  }

  /** The instant a date string denotes, or empty when the default format rejects it. */
  public static Optional<Instant> parse(String text) {
    Instant iso = parseIso(text);
    if (iso != null) {
      return Optional.of(iso);
    }
    return parseEpochMillis(text);
  }

  /** Epoch milliseconds, possibly fractional, e.g. {@code 1666873459714} or {@code -1.5}. */
  public static Optional<Instant> parseEpochMillis(String text) {
    int length = text.length();
    if (length == 0 || length > 40) {
      return Optional.empty();
    }
    int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
    boolean digits = false;
    boolean dot = false;
    for (int i = start; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits = true;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return Optional.empty();
      }
    }
    if (!digits) {
      return Optional.empty();
    }
    return ofEpochMillis(new BigDecimal(text));
  }

  /** The instant at a (possibly fractional) number of epoch milliseconds. */
  public static Optional<Instant> ofEpochMillis(BigDecimal millis) {
    try {
      BigDecimal nanos = millis.movePointRight(6);
      BigDecimal[] secondsAndNanos = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
      long seconds = secondsAndNanos[0].longValueExact();
      long nano = secondsAndNanos[1].longValue();
      return Optional.of(Instant.ofEpochSecond(seconds, nano));
    } catch (ArithmeticException | DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Instant parseIso(String s) {
    int length = s.length();
    if (length < 4) {
      return null;
    }
    int year = digits(s, 0, 4);
    if (year < 0) {
      return null;
    }
    int month = 1;
    int day = 1;
    int pos = 4;
    if (pos < length && s.charAt(pos) == '-') {
      month = digits(s, pos + 1, 2);
      if (month < 0) {
        return null;
      }
      pos += 3;
      if (pos < length && s.charAt(pos) == '-') {
        day = digits(s, pos + 1, 2);
        if (day < 0) {
          return null;
        }
        pos += 3;
      }
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    int nano = 0;
    ZoneOffset offset = ZoneOffset.UTC;
    if (pos < length && s.charAt(pos) == 'T') {
      hour = digits(s, pos + 1, 2);
      if (hour < 0) {
        return null;
      }
      pos += 3;
      if (pos < length && s.charAt(pos) == ':') {
        minute = digits(s, pos + 1, 2);
        if (minute < 0) {
          return null;
        }
        pos += 3;
        if (pos < length && s.charAt(pos) == ':') {
          second = digits(s, pos + 1, 2);
          if (second < 0) {
            return null;
          }
          pos += 3;
          if (pos < length && (s.charAt(pos) == '.' || s.charAt(pos) == ',')) {
            int fractionStart = ++pos;
            while (pos < length && pos - fractionStart < 9 && isDigit(s.charAt(pos))) {
              nano = nano * 10 + (s.charAt(pos) - '0');
              pos++;
            }
            int fractionDigits = pos - fractionStart;
            if (fractionDigits == 0) {
              return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
              nano *= 10;
            }
          }
        }
      }
      if (pos < length) {
        offset = parseOffset(s, pos);
        if (offset == null) {
          return null;
        }
        pos = length;
      }
    }
    if (pos != length) {
      return null;
    }
    try {
      // 24:00 is not accepted by the strict format; LocalDate/of* validate ranges and leap days.
      LocalDate date = LocalDate.of(year, month, day);
      if (hour > 23 || minute > 59 || second > 59) {
        return null;
      }
      long epochSecond =
          date.toEpochDay() * 86_400L
              + hour * 3_600L
              + minute * 60L
              + second
              - offset.getTotalSeconds();
      return Instant.ofEpochSecond(epochSecond, nano);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static ZoneOffset parseOffset(String s, int pos) {
    char sign = s.charAt(pos);
    int length = s.length();
    if (sign == 'Z') {
      return pos + 1 == length ? ZoneOffset.UTC : null;
    }
    if (sign != '+' && sign != '-') {
      return null;
    }
    int hours = digits(s, pos + 1, 2);
    if (hours < 0) {
      return null;
    }
    int minutes = 0;
    int rest = pos + 3;
    if (rest < length) {
      if (s.charAt(rest) == ':') {
        rest++;
      }
      minutes = digits(s, rest, 2);
      if (minutes < 0 || rest + 2 != length) {
        return null;
      }
    }
    try {
      int totalSeconds = (hours * 3600 + minutes * 60) * (sign == '-' ? -1 : 1);
      return ZoneOffset.ofTotalSeconds(totalSeconds);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(String s, int start, int count) {
    if (start + count > s.length()) {
      return -1;
    }
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

package dev.vigil.kql.compile;

import dev.vigil.core.time.DateMath;
import dev.vigil.core.time.DateMathException;
import dev.vigil.core.value.Dates;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Date values in queries, parsed as Elasticsearch parses a range bound on a {@code date} field with
 * the default format {@code strict_date_optional_time||epoch_millis} (kql-semantics.md §4.8).
 *
 * <p>Rounding (Elasticsearch {@code JavaDateFormatter} round-up parser, {@code
 * ROUND_UP_BASE_FIELDS}): a lower bound ({@code gte}, and {@code lt}) fills missing components with
 * their minimum; an upper bound ({@code lte}, and {@code gt}) fills month and day with 1 and the
 * time with 23:59:59.999999999, or only the missing smaller time components when an hour or minute
 * is given. Hence {@code 2024-01} rounds up to January 1st 23:59:59.999, not to the end of January.
 * A value without an offset is read in {@code zone} (Kibana sends {@code time_zone: Zulu}).
 *
 * <p>Date math ({@code now-1d/d}, {@code 2024-01-01||+1M}) is evaluated with {@link DateMath}; a
 * bound relative to {@code now} reads the injected clock at evaluation time and keeps the last
 * result per millisecond, so the expression is parsed once per clock tick, not once per event.
 */
final class QueryDates {
  private QueryDates() {}

  /** A range bound on a date field. */
  interface Bound {
    Instant instant();
  }

  /** A bound fixed at compile time. */
  record Fixed(Instant instant) implements Bound {}

  /** A bound relative to {@code now}; thread-safe, caching the last evaluation. */
  static final class NowRelative implements Bound {
    private final String expression;
    private final boolean roundUp;
    private final ZoneId zone;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(long now, Instant value) {}

    NowRelative(String expression, boolean roundUp, ZoneId zone, Clock clock) {
      this.expression = expression;
      this.roundUp = roundUp;
      this.zone = zone;
      this.clock = clock;
    }

    @Override
    public Instant instant() {
      long now = clock.millis();
      Cached last = cached;
      if (last != null && last.now() == now) {
        return last.value();
      }
      Instant value = DateMath.evaluate(expression, Instant.ofEpochMilli(now), roundUp, zone);
      cached = new Cached(now, value);
      return value;
    }

    @Override
    public String toString() {
      return expression;
    }
  }

  /**
   * Parses {@code text} as a bound.
   *
   * @throws FieldQueryError when Elasticsearch could not parse it
   */
  static Bound parse(String text, boolean roundUp, ZoneId zone, Clock clock, String field) {
    if (text.startsWith("now") || text.contains("||")) {
      try {
        // Evaluate once now so that a malformed expression fails at compile time.
        Instant value = DateMath.evaluate(text, clock.instant(), roundUp, zone);
        if (!text.startsWith("now")) {
          return new Fixed(value);
        }
      } catch (DateMathException e) {
        throw new FieldQueryError(
            "failed to parse date field ["
                + text
                + "] of field ["
                + field
                + "]: "
                + e.getMessage());
      }
      return new NowRelative(text, roundUp, zone, clock);
    }
    Instant iso = parseIso(text, roundUp, zone);
    if (iso != null) {
      return new Fixed(iso);
    }
    Optional<Instant> millis = Dates.parseEpochMillis(text);
    if (millis.isPresent()) {
      return new Fixed(millis.get());
    }
    throw new FieldQueryError(
        "failed to parse date field ["
            + text
            + "] with format [strict_date_optional_time||epoch_millis] for field ["
            + field
            + "]");
  }

  private enum Precision {
    YEAR,
    MONTH,
    DAY,
    HOUR,
    MINUTE,
    SECOND,
    FRACTION
  }

  /** strict_date_optional_time with rounding; null when the text is not in that format. */
  static Instant parseIso(String s, boolean roundUp, ZoneId zone) {
    int length = s.length();
    int year = digits(s, 0, 4);
    if (year < 0) {
      return null;
    }
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int nano = 0;
    Precision precision = Precision.YEAR;
    int pos = 4;
    if (pos < length && s.charAt(pos) == '-') {
      month = digits(s, pos + 1, 2);
      if (month < 0) {
        return null;
      }
      pos += 3;
      precision = Precision.MONTH;
      if (pos < length && s.charAt(pos) == '-') {
        day = digits(s, pos + 1, 2);
        if (day < 0) {
          return null;
        }
        pos += 3;
        precision = Precision.DAY;
      }
    }
    ZoneOffset offset = null;
    if (pos < length && s.charAt(pos) == 'T') {
      hour = digits(s, pos + 1, 2);
      if (hour < 0) {
        return null;
      }
      pos += 3;
      precision = Precision.HOUR;
      if (pos < length && s.charAt(pos) == ':') {
        minute = digits(s, pos + 1, 2);
        if (minute < 0) {
          return null;
        }
        pos += 3;
        precision = Precision.MINUTE;
        if (pos < length && s.charAt(pos) == ':') {
          second = digits(s, pos + 1, 2);
          if (second < 0) {
            return null;
          }
          pos += 3;
          precision = Precision.SECOND;
          if (pos < length && (s.charAt(pos) == '.' || s.charAt(pos) == ',')) {
            int start = ++pos;
            while (pos < length && pos - start < 9 && Character.isDigit(s.charAt(pos))) {
              nano = nano * 10 + (s.charAt(pos) - '0');
              pos++;
            }
            if (pos == start) {
              return null;
            }
            for (int i = pos - start; i < 9; i++) {
              nano *= 10;
            }
            precision = Precision.FRACTION;
          }
        }
      }
      if (pos < length) {
        offset = offset(s, pos);
        if (offset == null) {
          return null;
        }
        pos = length;
      }
    }
    if (pos != length || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    if (roundUp) {
      switch (precision) {
        case YEAR, MONTH, DAY -> {
          hour = 23;
          minute = 59;
          second = 59;
          nano = 999_999_999;
        }
        case HOUR -> {
          minute = 59;
          second = 59;
          nano = 999_999_999;
        }
        case MINUTE -> {
          second = 59;
          nano = 999_999_999;
        }
        case SECOND -> nano = 999_999_999;
        case FRACTION -> {
          // fully given
        }
      }
    }
    try {
      LocalDateTime local = LocalDate.of(year, month, day).atTime(hour, minute, second, nano);
      return offset != null ? local.toInstant(offset) : local.atZone(zone).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static ZoneOffset offset(String s, int pos) {
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
      return ZoneOffset.ofHoursMinutes(
          sign == '-' ? -hours : hours, sign == '-' ? -minutes : minutes);
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
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}

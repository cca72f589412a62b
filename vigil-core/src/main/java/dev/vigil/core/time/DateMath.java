package dev.vigil.core.time;

import dev.vigil.core.value.Dates;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * Date math as Elasticsearch and Kibana evaluate it: an anchor ({@code now}, or a date followed by
 * {@code ||}) and then any number of operations: {@code +N<unit>}, {@code -N<unit>} (N defaults to
 * 1) and {@code /<unit>} (round down, or up to the unit's last millisecond when rounding up, as the
 * upper bound of a range does). Units: {@code y M w d h H m s}, plus {@code ms} which Kibana's
 * datemath (used for rule {@code from}/{@code to}) also accepts. Calendar units and rounding are
 * evaluated in the given zone (UTC by default). Weeks start on Monday, as in Elasticsearch.
 *
 * <p>"now" is a parameter, never the clock: callers pass the time of the rule execution.
 */
public final class DateMath {
  private DateMath() {}

  /** Evaluates {@code expression} with {@code now}, rounding down, in UTC. */
  public static Instant evaluate(String expression, Instant now) {
    return evaluate(expression, now, false, ZoneId.of("UTC"));
  }

  /**
   * Evaluates {@code expression}.
   *
   * @throws DateMathException when the expression is not valid date math
   */
  public static Instant evaluate(String expression, Instant now, boolean roundUp, ZoneId zone) {
    String text = expression.trim();
    ZonedDateTime time;
    int pos;
    if (text.startsWith("now")) {
      time = now.atZone(zone);
      pos = 3;
    } else {
      int anchorEnd = text.indexOf("||");
      String anchor = anchorEnd < 0 ? text : text.substring(0, anchorEnd);
      Optional<Instant> parsed = Dates.parse(anchor);
      if (parsed.isEmpty()) {
        throw new DateMathException("[" + expression + "] is not a date or date math expression");
      }
      time = parsed.get().atZone(zone);
      if (anchorEnd < 0) {
        return parsed.get();
      }
      pos = anchorEnd + 2;
    }
    try {
      while (pos < text.length()) {
        char operator = text.charAt(pos++);
        if (operator != '+' && operator != '-' && operator != '/') {
          throw error(expression, "expected [+], [-] or [/] but found [" + operator + "]");
        }
        long amount = 1;
        if (operator != '/') {
          int digitsStart = pos;
          while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
          }
          if (pos > digitsStart) {
            amount = Long.parseLong(text.substring(digitsStart, pos));
          }
        }
        if (pos >= text.length()) {
          throw error(expression, "a unit is missing at the end");
        }
        ChronoUnit unit;
        if (text.startsWith("ms", pos)) {
          unit = ChronoUnit.MILLIS;
          pos += 2;
        } else {
          unit = unit(text.charAt(pos), expression);
          pos++;
        }
        time =
            switch (operator) {
              case '+' -> time.plus(amount, unit);
              case '-' -> time.minus(amount, unit);
              default -> round(time, unit, roundUp);
            };
      }
    } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
      throw error(expression, "the result is out of range");
    }
    return time.toInstant();
  }

  private static ChronoUnit unit(char c, String expression) {
    return switch (c) {
      case 'y' -> ChronoUnit.YEARS;
      case 'M' -> ChronoUnit.MONTHS;
      case 'w' -> ChronoUnit.WEEKS;
      case 'd' -> ChronoUnit.DAYS;
      case 'h', 'H' -> ChronoUnit.HOURS;
      case 'm' -> ChronoUnit.MINUTES;
      case 's' -> ChronoUnit.SECONDS;
      default -> throw error(expression, "unknown unit [" + c + "]");
    };
  }

  private static ZonedDateTime round(ZonedDateTime time, ChronoUnit unit, boolean roundUp) {
    ZonedDateTime floor =
        switch (unit) {
          case YEARS -> time.withDayOfYear(1).truncatedTo(ChronoUnit.DAYS);
          case MONTHS -> time.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
          case WEEKS ->
              time.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                  .truncatedTo(ChronoUnit.DAYS);
          default -> time.truncatedTo(unit);
        };
    if (!roundUp) {
      return floor;
    }
    return floor.plus(1, unit).minus(1, ChronoUnit.MILLIS);
  }

  private static DateMathException error(String expression, String detail) {
    return new DateMathException("invalid date math [" + expression + "]: " + detail);
  }
}

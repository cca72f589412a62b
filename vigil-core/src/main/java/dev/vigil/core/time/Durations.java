package dev.vigil.core.time;

import java.time.Duration;

/**
 * The two duration syntaxes rules use.
 *
 * <ul>
 *   <li>Kibana's alerting durations (rule {@code interval}, suppression durations): a positive
 *       whole number and one of {@code s m h d}, e.g. {@code 5m}; Kibana's {@code parseDuration}
 *       rejects anything else, zero included.
 *   <li>Elasticsearch time values (EQL {@code maxspan}): a non-negative number and one of {@code
 *       nanos micros ms s m h d}.
 * </ul>
 */
public final class Durations {
  private Durations() {}

  /** A Kibana alerting duration such as {@code 5m}. */
  public static Duration parseInterval(String text) {
    int split = unitStart(text);
    String digits = text.substring(0, split);
    String unit = text.substring(split);
    if (digits.isEmpty() || digits.charAt(0) == '0') {
      throw invalid(text, "a positive whole number followed by s, m, h or d, e.g. [5m]");
    }
    long amount = parseAmount(text, digits);
    return switch (unit) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> throw invalid(text, "a positive whole number followed by s, m, h or d, e.g. [5m]");
    };
  }

  /** An Elasticsearch time value such as {@code 30s} or {@code 500ms}. */
  public static Duration parseTimeValue(String text) {
    int split = unitStart(text);
    String digits = text.substring(0, split);
    String unit = text.substring(split);
    if (digits.isEmpty()) {
      throw invalid(text, "a number followed by nanos, micros, ms, s, m, h or d, e.g. [30s]");
    }
    long amount = parseAmount(text, digits);
    try {
      return switch (unit) {
        case "nanos" -> Duration.ofNanos(amount);
        case "micros" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        case "d" -> Duration.ofDays(amount);
        default ->
            throw invalid(text, "a number followed by nanos, micros, ms, s, m, h or d, e.g. [30s]");
      };
    } catch (ArithmeticException e) {
      throw invalid(text, "a smaller amount");
    }
  }

  /**
   * A duration as Kibana writes one: a whole number of the largest of {@code d h m s} that divides
   * it ({@code 60m} is {@code 1h}); without {@code allowDays}, of {@code h m s} only, as alert
   * suppression durations take.
   */
  public static String format(Duration duration, boolean allowDays) {
    long seconds = duration.getSeconds();
    if (allowDays && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  private static int unitStart(String text) {
    int i = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static long parseAmount(String text, String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw invalid(text, "a smaller amount");
    }
  }

  private static DateMathException invalid(String text, String expected) {
    return new DateMathException("invalid duration [" + text + "]: expected " + expected);
  }
}

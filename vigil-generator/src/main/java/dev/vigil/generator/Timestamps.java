package dev.vigil.generator;

import java.time.LocalDate;

/**
 * Formats simulated times (nanoseconds since the epoch, UTC) as Elastic Defend writes them: {@code
 * @timestamp} with nine fractional digits (six for some sources), {@code event.ingested} in whole
 * seconds, and {@code process.start} with two digits, as Defend derives it from kernel ticks.
 *
 * <p>Hand-written rather than {@code DateTimeFormatter} because it runs several times per event and
 * the generator must write hundreds of thousands of events per second. Not thread-safe: it caches
 * the date of the last call.
 */
final class Timestamps {
  static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;

  private long cachedDay = Long.MIN_VALUE;
  private String cachedDate = "";
  private final StringBuilder buffer = new StringBuilder(32);

  /** {@code 2026-11-16T23:57:12.608211000Z}, or with {@code fractionDigits} digits (0, 2, 6, 9). */
  String format(long nanos, int fractionDigits) {
    long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
    long fraction = Math.floorMod(nanos, NANOS_PER_SECOND);
    long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    if (day != cachedDay) {
      cachedDay = day;
      cachedDate = LocalDate.ofEpochDay(day).toString();
    }
    StringBuilder out = buffer;
    out.setLength(0);
    out.append(cachedDate).append('T');
    twoDigits(out, secondOfDay / 3600);
    out.append(':');
    twoDigits(out, secondOfDay / 60 % 60);
    out.append(':');
    twoDigits(out, secondOfDay % 60);
    if (fractionDigits > 0) {
      out.append('.');
      long divisor = NANOS_PER_SECOND / 10;
      for (int i = 0; i < fractionDigits; i++) {
        out.append((char) ('0' + fraction / divisor % 10));
        divisor /= 10;
      }
    }
    return out.append('Z').toString();
  }

  private static void twoDigits(StringBuilder out, int value) {
    out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}

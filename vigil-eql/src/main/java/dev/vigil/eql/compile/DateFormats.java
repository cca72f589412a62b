package dev.vigil.eql.compile;

import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.value.Coercion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A date field's custom {@code format} ({@code "dd-MM-yyyy"}, {@code "yyyy-MM-dd||epoch_millis"}):
 * Java-style patterns are tried in order, named built-in formats fall back to the default parsing
 * of {@link Coercion}. vigil-core's {@link Coercion} only knows the default format, so this lives
 * here until core grows it (noted in the EQL report).
 */
final class DateFormats {
  private static final Set<String> BUILT_IN =
      Set.of(
          "strict_date_optional_time",
          "date_optional_time",
          "strict_date_optional_time_nanos",
          "epoch_millis",
          "epoch_second",
          "strict_date_time",
          "date_time");

  private final List<DateTimeFormatter> patterns;
  private final boolean builtIn;
  private final boolean millisecondsOnly;

  private DateFormats(List<DateTimeFormatter> patterns, boolean builtIn, boolean millisOnly) {
    this.patterns = patterns;
    this.builtIn = builtIn;
    this.millisecondsOnly = millisOnly;
  }

  static DateFormats of(String format, boolean millisecondsOnly) {
    List<DateTimeFormatter> patterns = new ArrayList<>();
    boolean builtIn = false;
    for (String alternative : format.split("\\|\\|")) {
      String name = alternative.trim();
      if (BUILT_IN.contains(name)) {
        builtIn = true;
        continue;
      }
      try {
        patterns.add(DateTimeFormatter.ofPattern(name, Locale.ROOT).withZone(ZoneOffset.UTC));
      } catch (IllegalArgumentException e) {
        builtIn = true; // an unknown named format: approximate with the default
      }
    }
    return new DateFormats(patterns, builtIn || patterns.isEmpty(), millisecondsOnly);
  }

  Object parse(Object source, FieldMapping mapping) {
    if (source instanceof String) {
      for (DateTimeFormatter pattern : patterns) {
        try {
          TemporalAccessor parsed = pattern.parse((String) source);
          Instant instant;
          if (parsed.isSupported(java.time.temporal.ChronoField.INSTANT_SECONDS)) {
            instant = Instant.from(parsed);
          } else if (parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)) {
            instant = LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
          } else {
            instant = LocalDate.from(parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
          }
          return millisecondsOnly ? instant.truncatedTo(ChronoUnit.MILLIS) : instant;
        } catch (java.time.DateTimeException e) {
          // try the next alternative
        }
      }
    }
    return builtIn || !(source instanceof String) ? Coercion.coerceOrNull(source, mapping) : null;
  }
}

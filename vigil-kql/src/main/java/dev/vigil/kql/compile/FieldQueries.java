package dev.vigil.kql.compile;

import dev.vigil.core.match.StringMatcher;
import dev.vigil.core.match.WildcardPattern;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.value.CaseFolding;
import dev.vigil.core.value.Cidr;
import dev.vigil.core.value.Coercion;
import dev.vigil.core.value.IpAddress;
import dev.vigil.kql.analysis.Phrases;
import dev.vigil.kql.analysis.StandardAnalyzer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Elasticsearch's leaf queries on one resolved field, per field type: what {@code term}, {@code
 * match}, {@code match_phrase}, {@code wildcard}/{@code prefix}, {@code exists} and {@code range}
 * match (kql-semantics.md §4; Elasticsearch {@code MappedFieldType.termQuery}/{@code
 * wildcardQuery}/{@code rangeQuery} of {@code KeywordFieldMapper}, {@code TextFieldMapper}, {@code
 * NumberFieldMapper}, {@code DateFieldMapper}, {@code IpFieldMapper}, {@code BooleanFieldMapper},
 * {@code WildcardFieldMapper}). Query values are parsed, normalised and analysed here, once; the
 * returned predicates only compare. A value Elasticsearch would reject raises {@link
 * FieldQueryError}. Stateless.
 */
final class FieldQueries {
  private FieldQueries() {}

  /** How the tokens of an analysed {@code match} query combine. */
  enum Operator {
    OR,
    AND
  }

  private static DocPredicate leaf(ResolvedField field, ValueTest test) {
    if (field.flattenedRoot()) {
      FieldMapping keyword =
          FieldMapping.builder(field.name(), FieldType.KEYWORD, "flattened")
              .ignoreAbove(field.mapping().ignoreAbove())
              .build();
      return new DocPredicate.FlattenedMatch(field.name(), keyword, test);
    }
    return new DocPredicate.FieldMatch(field.name(), field.sourcePath(), field.mapping(), test);
  }

  private static boolean keywordLike(ResolvedField field) {
    FieldType type = field.type();
    return type.isKeywordFamily() || type == FieldType.VERSION || type == FieldType.FLATTENED;
  }

  /** The text a keyword field compares for a JSON query value (numbers and booleans as text). */
  static String text(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return String.valueOf(value);
  }

  private static String normalized(ResolvedField field, String text) {
    return field.mapping().lowercases() ? CaseFolding.lower(text) : text;
  }

  private static FieldQueryError unsupported(ResolvedField field, String query) {
    return new FieldQueryError(
        "field ["
            + field.name()
            + "] of type ["
            + field.typeName()
            + "] does not support ["
            + query
            + "] queries");
  }

  private static void requireValue(ResolvedField field, Object value) {
    if (value == null) {
      throw new FieldQueryError(
          "field [" + field.name() + "] cannot be queried for [null]: the query value is missing");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // term

  /** {@code term}: the exact indexed value (not analysed), normalised by a keyword normalizer. */
  static DocPredicate term(
      ResolvedField field, Object value, boolean caseInsensitive, Clock clock) {
    requireValue(field, value);
    FieldType type = field.type();
    if (keywordLike(field)) {
      return leaf(field, new ValueTest.Term(normalized(field, text(value)), caseInsensitive));
    }
    if (type.isText()) {
      String term = text(value);
      String folded = CaseFolding.lower(term);
      return leaf(
          field,
          ValueTest.of(
              "token[" + term + "]",
              indexed -> {
                for (String token : StandardAnalyzer.analyze((String) indexed)) {
                  if (caseInsensitive
                      ? CaseFolding.lower(token).equals(folded)
                      : token.equals(term)) {
                    return true;
                  }
                }
                return false;
              }));
    }
    if (type.isNumeric()) {
      return numericTerm(field, value);
    }
    if (type.isDate()) {
      return range(field, value, value, true, true, ZoneId.of("UTC"), clock);
    }
    if (type == FieldType.IP) {
      return ipTerm(field, value);
    }
    if (type == FieldType.BOOLEAN) {
      boolean target = parseBoolean(field, value);
      return leaf(field, ValueTest.of("term[" + target + "]", indexed -> indexed.equals(target)));
    }
    throw unsupported(field, "term");
  }

  private static boolean parseBoolean(ResolvedField field, Object value) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    String text = text(value);
    if (text.equals("true")) {
      return true;
    }
    if (text.equals("false")) {
      return false;
    }
    throw new FieldQueryError(
        "field ["
            + field.name()
            + "] of type [boolean] cannot parse ["
            + text
            + "]: expected [true] or [false]");
  }

  private static DocPredicate ipTerm(ResolvedField field, Object value) {
    String text = value instanceof String string ? string : null;
    if (text != null && text.indexOf('/') >= 0) {
      Cidr cidr =
          Cidr.parse(text)
              .orElseThrow(
                  () ->
                      new FieldQueryError(
                          "field [" + field.name() + "]: [" + text + "] is not a valid CIDR"));
      return leaf(
          field, ValueTest.of("cidr[" + text + "]", indexed -> cidr.contains((IpAddress) indexed)));
    }
    IpAddress address = parseIp(field, value);
    return leaf(field, ValueTest.of("term[" + address + "]", address::equals));
  }

  private static IpAddress parseIp(ResolvedField field, Object value) {
    String text = text(value);
    return IpAddress.parse(value instanceof String ? text : "")
        .orElseThrow(
            () ->
                new FieldQueryError(
                    "field [" + field.name() + "]: [" + text + "] is not an IP string literal"));
  }

  static BigDecimal number(ResolvedField field, Object value) {
    try {
      if (value instanceof Long number) {
        return BigDecimal.valueOf(number);
      }
      if (value instanceof Integer number) {
        return BigDecimal.valueOf(number);
      }
      if (value instanceof BigInteger number) {
        return new BigDecimal(number);
      }
      if (value instanceof BigDecimal number) {
        return number;
      }
      if (value instanceof Double number && Double.isFinite(number)) {
        return BigDecimal.valueOf(number);
      }
      if (value instanceof String text) {
        return new BigDecimal(text);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new FieldQueryError(
        "field ["
            + field.name()
            + "] of type ["
            + field.typeName()
            + "] cannot parse ["
            + text(value)
            + "] as a number");
  }

  private static boolean hasDecimalPart(BigDecimal number) {
    return number.signum() != 0 && number.stripTrailingZeros().scale() > 0;
  }

  private static BigInteger[] integralRange(FieldType type) {
    return switch (type) {
      case INTEGER ->
          new BigInteger[] {
            BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)
          };
      case SHORT ->
          new BigInteger[] {
            BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(Short.MAX_VALUE)
          };
      case BYTE ->
          new BigInteger[] {BigInteger.valueOf(Byte.MIN_VALUE), BigInteger.valueOf(Byte.MAX_VALUE)};
      case UNSIGNED_LONG ->
          new BigInteger[] {BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)};
      default ->
          new BigInteger[] {BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)};
    };
  }

  /**
   * Numbers: a fractional value on a whole-number field, or one out of the type's range, matches
   * nothing (Elasticsearch {@code NumberFieldMapper} {@code hasDecimalPart}/{@code isOutOfRange});
   * floating types compare after rounding the query value to the field's precision.
   */
  private static DocPredicate numericTerm(ResolvedField field, Object value) {
    BigDecimal number = number(field, value);
    FieldType type = field.type();
    if (type.isIntegral()) {
      if (hasDecimalPart(number)) {
        return DocPredicate.FALSE;
      }
      BigInteger whole = number.toBigInteger();
      BigInteger[] bounds = integralRange(type);
      if (whole.compareTo(bounds[0]) < 0 || whole.compareTo(bounds[1]) > 0) {
        return DocPredicate.FALSE;
      }
      Object target = whole.bitLength() <= 63 ? (Object) whole.longValue() : whole;
      return leaf(field, ValueTest.of("term[" + whole + "]", target::equals));
    }
    Object rounded = Coercion.coerceOrNull(number.doubleValue(), field.mapping());
    if (rounded == null) {
      return DocPredicate.FALSE;
    }
    return leaf(field, ValueTest.of("term[" + rounded + "]", rounded::equals));
  }

  // ---------------------------------------------------------------------------------------------
  // match, match_phrase

  /** {@code match}: analysed on text fields (any token, or all with AND); else a term query. */
  static DocPredicate match(ResolvedField field, Object value, Operator operator, Clock clock) {
    requireValue(field, value);
    if (!field.type().isText()) {
      return term(field, value, false, clock);
    }
    List<String> tokens = StandardAnalyzer.analyze(text(value));
    if (tokens.isEmpty()) {
      return DocPredicate.FALSE; // zero_terms_query: none
    }
    if (operator == Operator.AND && tokens.size() > 1) {
      List<DocPredicate> all = new ArrayList<>();
      for (String token : new HashSet<>(tokens)) {
        all.add(anyToken(field, Set.of(token)));
      }
      return new DocPredicate.AllOf(all);
    }
    return anyToken(field, Set.copyOf(tokens));
  }

  private static DocPredicate anyToken(ResolvedField field, Set<String> wanted) {
    return leaf(
        field,
        ValueTest.of(
            "tokens" + wanted,
            indexed -> {
              for (String token : StandardAnalyzer.analyze((String) indexed)) {
                if (wanted.contains(token)) {
                  return true;
                }
              }
              return false;
            }));
  }

  /**
   * {@code match_phrase}: on text fields the analysed tokens must appear in order inside one value
   * (array elements are 100 positions apart, so phrases never span them); else a term query.
   */
  static DocPredicate matchPhrase(ResolvedField field, Object value, int slop, Clock clock) {
    requireValue(field, value);
    if (!field.type().isText()) {
      return term(field, value, false, clock);
    }
    List<String> phrase = StandardAnalyzer.analyze(text(value));
    if (phrase.isEmpty()) {
      return DocPredicate.FALSE;
    }
    if (phrase.size() == 1) {
      return anyToken(field, Set.of(phrase.get(0)));
    }
    List<String> tokens = List.copyOf(phrase);
    return leaf(
        field,
        ValueTest.of(
            "phrase" + tokens + (slop > 0 ? "~" + slop : ""),
            indexed ->
                Phrases.containsSloppy(StandardAnalyzer.analyze((String) indexed), tokens, slop)));
  }

  // ---------------------------------------------------------------------------------------------
  // wildcard, prefix, exists

  /**
   * {@code wildcard}: the whole value of keyword-like fields (pattern normalised by the field's
   * normalizer), one token of text fields (pattern lower-cased by the analyzer); an error on other
   * types ("Can only use wildcard queries on keyword and text fields").
   */
  static DocPredicate wildcard(
      ResolvedField field, WildcardPattern pattern, boolean caseInsensitive) {
    if (keywordLike(field)) {
      WildcardPattern normalizedPattern =
          field.mapping().lowercases() ? pattern.lowercased() : pattern;
      return leaf(field, new ValueTest.Wildcard(normalizedPattern, caseInsensitive));
    }
    if (field.type().isText()) {
      WildcardPattern lowered = pattern.lowercased();
      StringMatcher matcher = lowered.compile(caseInsensitive);
      return leaf(
          field,
          ValueTest.of(
              "tokenWildcard[" + lowered + "]",
              indexed -> {
                for (String token : StandardAnalyzer.analyze((String) indexed)) {
                  if (matcher.matches(token)) {
                    return true;
                  }
                }
                return false;
              }));
    }
    throw new FieldQueryError(
        "Can only use wildcard queries on keyword and text fields - not on ["
            + field.name()
            + "] which is of type ["
            + field.typeName()
            + "]");
  }

  /** {@code exists}: the field indexes at least one value for the document (§4.10). */
  static DocPredicate exists(ResolvedField field) {
    if (field.type() == FieldType.TEXT) {
      // text fields answer exists from norms: a value with no tokens leaves no trace (§4.4)
      return leaf(
          field,
          ValueTest.of("exists", indexed -> !StandardAnalyzer.analyze((String) indexed).isEmpty()));
    }
    if (field.type() == FieldType.GEO_POINT
        || field.type() == FieldType.BINARY
        || field.type() == FieldType.UNSUPPORTED) {
      throw unsupported(field, "exists");
    }
    return leaf(field, ValueTest.of("exists", indexed -> true));
  }

  // ---------------------------------------------------------------------------------------------
  // range

  /**
   * {@code range} with optional bounds (null = open). Keyword-like fields compare by code point
   * (the order of UTF-8 bytes), text fields compare tokens, numbers numerically, dates with the
   * rounding of {@link QueryDates}, ip addresses in the 128-bit space.
   */
  static DocPredicate range(
      ResolvedField field,
      Object lower,
      Object upper,
      boolean includeLower,
      boolean includeUpper,
      ZoneId zone,
      Clock clock) {
    FieldType type = field.type();
    String description =
        (lower == null ? "(*" : (includeLower ? "[" : "(") + text(lower))
            + " TO "
            + (upper == null ? "*)" : text(upper) + (includeUpper ? "]" : ")"));
    if (keywordLike(field) || type.isText()) {
      String low = lower == null ? null : normalized(field, text(lower));
      String high = upper == null ? null : normalized(field, text(upper));
      java.util.function.Predicate<String> inRange =
          value -> {
            if (low != null) {
              int c = compareCodePoints(value, low);
              if (c < 0 || (c == 0 && !includeLower)) {
                return false;
              }
            }
            if (high != null) {
              int c = compareCodePoints(value, high);
              return c < 0 || (c == 0 && includeUpper);
            }
            return true;
          };
      if (type.isText()) {
        return leaf(
            field,
            ValueTest.of(
                "tokenRange" + description,
                indexed -> {
                  for (String token : StandardAnalyzer.analyze((String) indexed)) {
                    if (inRange.test(token)) {
                      return true;
                    }
                  }
                  return false;
                }));
      }
      return leaf(
          field, ValueTest.of("range" + description, indexed -> inRange.test((String) indexed)));
    }
    if (type.isNumeric()) {
      return numericRange(field, lower, upper, includeLower, includeUpper, description);
    }
    if (type.isDate()) {
      QueryDates.Bound low =
          lower == null
              ? null
              : QueryDates.parse(dateText(field, lower), !includeLower, zone, clock, field.name());
      QueryDates.Bound high =
          upper == null
              ? null
              : QueryDates.parse(dateText(field, upper), includeUpper, zone, clock, field.name());
      boolean millis = type == FieldType.DATE;
      return leaf(
          field,
          ValueTest.of(
              "range" + description,
              indexed -> {
                Instant value = (Instant) indexed;
                if (low != null) {
                  int c = value.compareTo(truncate(low.instant(), millis));
                  if (c < 0 || (c == 0 && !includeLower)) {
                    return false;
                  }
                }
                if (high != null) {
                  int c = value.compareTo(truncate(high.instant(), millis));
                  return c < 0 || (c == 0 && includeUpper);
                }
                return true;
              }));
    }
    if (type == FieldType.IP) {
      IpAddress low = lower == null ? null : parseIp(field, lower);
      IpAddress high = upper == null ? null : parseIp(field, upper);
      return leaf(
          field,
          ValueTest.of(
              "range" + description,
              indexed -> {
                IpAddress value = (IpAddress) indexed;
                if (low != null) {
                  int c = value.compareTo(low);
                  if (c < 0 || (c == 0 && !includeLower)) {
                    return false;
                  }
                }
                if (high != null) {
                  int c = value.compareTo(high);
                  return c < 0 || (c == 0 && includeUpper);
                }
                return true;
              }));
    }
    if (type == FieldType.BOOLEAN) {
      Integer low = lower == null ? null : parseBoolean(field, lower) ? 1 : 0;
      Integer high = upper == null ? null : parseBoolean(field, upper) ? 1 : 0;
      return leaf(
          field,
          ValueTest.of(
              "range" + description,
              indexed -> {
                int value = ((Boolean) indexed) ? 1 : 0;
                if (low != null && (value < low || (value == low && !includeLower))) {
                  return false;
                }
                return high == null || value < high || (value == high && includeUpper);
              }));
    }
    throw unsupported(field, "range");
  }

  private static String dateText(ResolvedField field, Object value) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Long || value instanceof BigInteger || value instanceof Integer) {
      return text(value); // epoch milliseconds
    }
    throw new FieldQueryError(
        "failed to parse date field [" + text(value) + "] for field [" + field.name() + "]");
  }

  private static Instant truncate(Instant instant, boolean millis) {
    return millis ? instant.truncatedTo(ChronoUnit.MILLIS) : instant;
  }

  private static DocPredicate numericRange(
      ResolvedField field,
      Object lower,
      Object upper,
      boolean includeLower,
      boolean includeUpper,
      String description) {
    BigDecimal low = lower == null ? null : number(field, lower);
    BigDecimal high = upper == null ? null : number(field, upper);
    if (field.type().isIntegral()) {
      // Whole-number fields: turn the real bounds into inclusive whole bounds once.
      BigInteger min =
          low == null
              ? null
              : includeLower
                  ? low.setScale(0, RoundingMode.CEILING).toBigInteger()
                  : low.setScale(0, RoundingMode.FLOOR).toBigInteger().add(BigInteger.ONE);
      BigInteger max =
          high == null
              ? null
              : includeUpper
                  ? high.setScale(0, RoundingMode.FLOOR).toBigInteger()
                  : high.setScale(0, RoundingMode.CEILING).toBigInteger().subtract(BigInteger.ONE);
      return leaf(
          field,
          ValueTest.of(
              "range" + description,
              indexed -> {
                BigInteger value =
                    indexed instanceof Long number
                        ? BigInteger.valueOf(number)
                        : (BigInteger) indexed;
                return (min == null || value.compareTo(min) >= 0)
                    && (max == null || value.compareTo(max) <= 0);
              }));
    }
    Double min = low == null ? null : roundToField(field, low);
    Double max = high == null ? null : roundToField(field, high);
    return leaf(
        field,
        ValueTest.of(
            "range" + description,
            indexed -> {
              double value = (Double) indexed;
              if (min != null && (value < min || (value == min && !includeLower))) {
                return false;
              }
              return max == null || value < max || (value == max && includeUpper);
            }));
  }

  private static Double roundToField(ResolvedField field, BigDecimal bound) {
    Object rounded = Coercion.coerceOrNull(bound.doubleValue(), field.mapping());
    return rounded instanceof Double value ? value : bound.doubleValue();
  }

  /** Compares by Unicode code point, which is the order of the UTF-8 bytes Lucene compares. */
  static int compareCodePoints(String left, String right) {
    int i = 0;
    int j = 0;
    while (i < left.length() && j < right.length()) {
      int a = left.codePointAt(i);
      int b = right.codePointAt(j);
      if (a != b) {
        return Integer.compare(a, b);
      }
      i += Character.charCount(a);
      j += Character.charCount(b);
    }
    return Integer.compare(left.length() - i, right.length() - j);
  }
}

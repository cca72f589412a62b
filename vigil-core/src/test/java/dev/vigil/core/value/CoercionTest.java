package dev.vigil.core.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CoercionTest {

  private static Object coerce(Object source, FieldType type) {
    return Coercion.coerce(source, FieldMapping.of("f", type)).orElse(null);
  }

  private static Object coerce(Object source, FieldMapping mapping) {
    return Coercion.coerce(source, mapping).orElse(null);
  }

  @Test
  void keywordsFromAnyScalar() {
    assertThat(coerce("Bash", FieldType.KEYWORD)).isEqualTo("Bash");
    assertThat(coerce(0L, FieldType.KEYWORD)).isEqualTo("0");
    assertThat(coerce(1.5, FieldType.KEYWORD)).isEqualTo("1.5");
    assertThat(coerce(true, FieldType.KEYWORD)).isEqualTo("true");
    assertThat(coerce(new BigInteger("18446744073709551615"), FieldType.WILDCARD))
        .isEqualTo("18446744073709551615");
  }

  @Test
  void ignoreAboveDropsLongValues() {
    FieldMapping mapping =
        FieldMapping.builder("f", FieldType.KEYWORD, "keyword").ignoreAbove(3).build();
    assertThat(coerce("abc", mapping)).isEqualTo("abc");
    assertThat(coerce("abcd", mapping)).isNull();
  }

  @Test
  void lowercaseNormalizerFolds() {
    FieldMapping mapping =
        FieldMapping.builder("f", FieldType.KEYWORD, "keyword").normalizer("lowercase").build();
    assertThat(coerce("/USR/Bin/DPKG", mapping)).isEqualTo("/usr/bin/dpkg");
  }

  @Test
  void wholeNumbersCoerceAsElasticsearchDoes() {
    assertThat(coerce(42L, FieldType.LONG)).isEqualTo(42L);
    assertThat(coerce("42", FieldType.LONG)).isEqualTo(42L);
    assertThat(coerce(1.9, FieldType.LONG)).isEqualTo(1L);
    assertThat(coerce("-1.9", FieldType.LONG)).isEqualTo(-1L);
    assertThat(coerce("1e3", FieldType.LONG)).isEqualTo(1000L);
    assertThat(coerce("", FieldType.LONG)).isNull();
    assertThat(coerce("abc", FieldType.LONG)).isNull();
    assertThat(coerce(true, FieldType.LONG)).isNull();
    assertThat(coerce(new BigInteger("9223372036854775808"), FieldType.LONG)).isNull();
    assertThat(coerce(2147483648L, FieldType.INTEGER)).isNull();
    assertThat(coerce(32767L, FieldType.SHORT)).isEqualTo(32767L);
    assertThat(coerce(128L, FieldType.BYTE)).isNull();
    assertThat(coerce(new BigInteger("18446744073709551615"), FieldType.UNSIGNED_LONG))
        .isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(coerce(-1L, FieldType.UNSIGNED_LONG)).isNull();
  }

  @Test
  void floatingPointKeepsTheFieldsPrecision() {
    assertThat(coerce(0.1, FieldType.DOUBLE)).isEqualTo(0.1);
    assertThat(coerce("2.5", FieldType.DOUBLE)).isEqualTo(2.5);
    assertThat(coerce(7L, FieldType.DOUBLE)).isEqualTo(7.0);
    assertThat(coerce("NaN", FieldType.DOUBLE)).isNull();
    assertThat(coerce("Infinity", FieldType.FLOAT)).isNull();
    assertThat(coerce(0.1, FieldType.FLOAT)).isEqualTo((double) 0.1f);
    assertThat(coerce(1.0009765625 + 0.0002, FieldType.HALF_FLOAT)).isEqualTo(1.0009765625);
    assertThat(coerce(70000.0, FieldType.HALF_FLOAT)).isNull();
    FieldMapping scaled =
        FieldMapping.builder("f", FieldType.SCALED_FLOAT, "scaled_float")
            .scalingFactor(100)
            .build();
    assertThat(coerce(1.23456, scaled)).isEqualTo(1.23);
  }

  @Test
  void datesFromStringsAndEpochMillis() {
    assertThat(coerce("2024-06-09T13:52:06.94Z", FieldType.DATE))
        .isEqualTo(Instant.parse("2024-06-09T13:52:06.940Z"));
    assertThat(coerce("2024-06-09T13:52:07.403464561Z", FieldType.DATE))
        .as("date keeps milliseconds")
        .isEqualTo(Instant.parse("2024-06-09T13:52:07.403Z"));
    assertThat(coerce("2024-06-09T13:52:07.403464561Z", FieldType.DATE_NANOS))
        .isEqualTo(Instant.parse("2024-06-09T13:52:07.403464561Z"));
    assertThat(coerce(1666873459714L, FieldType.DATE))
        .isEqualTo(Instant.ofEpochMilli(1666873459714L));
    assertThat(coerce("1666873459714", FieldType.DATE))
        .isEqualTo(Instant.ofEpochMilli(1666873459714L));
    assertThat(coerce("yesterday", FieldType.DATE)).isNull();
    assertThat(coerce(true, FieldType.DATE)).isNull();
  }

  @Test
  void ipsAndBooleans() {
    assertThat(coerce("10.0.0.1", FieldType.IP)).isEqualTo(IpAddress.parse("10.0.0.1").get());
    assertThat(coerce("010.0.0.1", FieldType.IP)).isNull();
    assertThat(coerce(167772161L, FieldType.IP)).isNull();
    assertThat(coerce(true, FieldType.BOOLEAN)).isEqualTo(true);
    assertThat(coerce("false", FieldType.BOOLEAN)).isEqualTo(false);
    assertThat(coerce("", FieldType.BOOLEAN)).isEqualTo(false);
    assertThat(coerce("yes", FieldType.BOOLEAN)).isNull();
    assertThat(coerce(1L, FieldType.BOOLEAN)).isNull();
  }

  @Test
  void typesWithoutScalarValues() {
    assertThat(coerce("x", FieldType.OBJECT)).isNull();
    assertThat(coerce("x", FieldType.UNSUPPORTED)).isNull();
    assertThat(coerce(true, FieldType.TEXT)).isNull();
    assertThat(coerce("Some Text", FieldType.MATCH_ONLY_TEXT)).isEqualTo("Some Text");
  }
}

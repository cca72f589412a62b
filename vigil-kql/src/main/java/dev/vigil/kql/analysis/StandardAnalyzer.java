package dev.vigil.kql.analysis;

import dev.vigil.core.value.CaseFolding;
import java.util.ArrayList;
import java.util.List;

/**
 * Elasticsearch's {@code standard} analyzer as text and match_only_text fields use it at index and
 * search time: Lucene's {@code StandardTokenizer} (word boundaries of Unicode UAX #29, tokens of at
 * most 255 characters) followed by the lowercase filter, with no stop words and no stemming
 * (kql-semantics.md §4.4).
 *
 * <p>Design: each code point gets its UAX #29 {@code Word_Break} category, approximated from {@link
 * Character} properties (letters, digits, marks, connector punctuation, scripts) plus the explicit
 * short lists of {@code MidLetter}, {@code MidNum} and {@code MidNumLet} characters; {@code
 * Extend}/{@code Format} characters are attached to the character before them (rule WB4). Breaks
 * are then decided between neighbouring units by rules WB5–WB13b, and a segment becomes a token
 * when it holds a letter, digit or Katakana, as in Lucene's grammar ({@code
 * lucene/core/src/data/jflex/StandardTokenizerImpl.jflex}, own re-implementation): ideographs and
 * Hiragana are one token per character, runs of South-East Asian script characters one token.
 * Regional-indicator pairs and emoji sequences are simplified (an emoji is a one-character token).
 *
 * <p>Stateless and thread-safe.
 */
public final class StandardAnalyzer {
  /** Lucene's and Elasticsearch's default {@code max_token_length}: longer tokens are split. */
  public static final int MAX_TOKEN_LENGTH = 255;

  private static final int OTHER = 0;
  private static final int ALETTER = 1;
  private static final int HEBREW = 2;
  private static final int NUMERIC = 3;
  private static final int KATAKANA = 4;
  private static final int EXTEND_NUM_LET = 5;
  private static final int MID_LETTER = 6;
  private static final int MID_NUM = 7;
  private static final int MID_NUM_LET = 8;
  private static final int SINGLE_QUOTE = 9;
  private static final int DOUBLE_QUOTE = 10;
  private static final int IDEOGRAPHIC = 11;
  private static final int HIRAGANA = 12;
  private static final int SOUTH_EAST_ASIAN = 13;
  private static final int EMOJI = 14;
  private static final int EXTEND = 15;

  private StandardAnalyzer() {}

  /**
   * The lower-cased tokens of {@code text} in order; position {@code i} is list index {@code i}.
   */
  public static List<String> analyze(String text) {
    List<String> tokens = new ArrayList<>();
    int length = text.length();
    if (length == 0) {
      return tokens;
    }
    // Units: a base character with the Extend/Format characters that follow it (WB4).
    int[] starts = new int[length + 1];
    int[] categories = new int[length];
    int units = 0;
    int i = 0;
    while (i < length) {
      int codePoint = text.codePointAt(i);
      int category = category(codePoint);
      if (category == EXTEND && units > 0 && categories[units - 1] != OTHER) {
        i += Character.charCount(codePoint);
        continue;
      }
      starts[units] = i;
      categories[units] = category == EXTEND ? OTHER : category;
      units++;
      i += Character.charCount(codePoint);
    }
    starts[units] = length;

    int segmentStart = 0;
    for (int unit = 0; unit < units; unit++) {
      boolean boundary = unit == units - 1 || breaksAfter(categories, units, unit);
      if (boundary) {
        emit(text, starts, categories, segmentStart, unit + 1, tokens);
        segmentStart = unit + 1;
      }
    }
    return tokens;
  }

  private static void emit(
      String text, int[] starts, int[] categories, int from, int to, List<String> tokens) {
    boolean word = false;
    for (int unit = from; unit < to; unit++) {
      int category = categories[unit];
      if (category == ALETTER
          || category == HEBREW
          || category == NUMERIC
          || category == KATAKANA
          || category == IDEOGRAPHIC
          || category == HIRAGANA
          || category == SOUTH_EAST_ASIAN
          || category == EMOJI) {
        word = true;
        break;
      }
    }
    if (!word) {
      return;
    }
    String token = text.substring(starts[from], starts[to]);
    // Lucene splits an over-long token into pieces of at most max_token_length chars.
    int offset = 0;
    while (offset < token.length()) {
      int end = Math.min(token.length(), offset + MAX_TOKEN_LENGTH);
      if (end < token.length() && Character.isHighSurrogate(token.charAt(end - 1))) {
        end--;
      }
      tokens.add(CaseFolding.lower(token.substring(offset, end)));
      offset = end;
    }
  }

  /** True when UAX #29 puts a word boundary between unit {@code i} and unit {@code i + 1}. */
  private static boolean breaksAfter(int[] c, int units, int i) {
    int a = c[i];
    int b = c[i + 1];
    int before = i > 0 ? c[i - 1] : OTHER;
    int after = i + 2 < units ? c[i + 2] : OTHER;
    if (isLetter(a) && isLetter(b)) {
      return false; // WB5
    }
    if (isLetter(a) && isMidLetterLike(b) && isLetter(after)) {
      return false; // WB6
    }
    if (isLetter(before) && isMidLetterLike(a) && isLetter(b)) {
      return false; // WB7
    }
    if (a == HEBREW && b == SINGLE_QUOTE) {
      return false; // WB7a
    }
    if (a == HEBREW && b == DOUBLE_QUOTE && after == HEBREW) {
      return false; // WB7b
    }
    if (before == HEBREW && a == DOUBLE_QUOTE && b == HEBREW) {
      return false; // WB7c
    }
    if ((a == NUMERIC || isLetter(a)) && b == NUMERIC) {
      return false; // WB8, WB9
    }
    if (a == NUMERIC && isLetter(b)) {
      return false; // WB10
    }
    if (before == NUMERIC && isMidNumLike(a) && b == NUMERIC) {
      return false; // WB11
    }
    if (a == NUMERIC && isMidNumLike(b) && after == NUMERIC) {
      return false; // WB12
    }
    if (a == KATAKANA && b == KATAKANA) {
      return false; // WB13
    }
    if ((isLetter(a) || a == NUMERIC || a == KATAKANA || a == EXTEND_NUM_LET)
        && b == EXTEND_NUM_LET) {
      return false; // WB13a
    }
    if (a == EXTEND_NUM_LET && (isLetter(b) || b == NUMERIC || b == KATAKANA)) {
      return false; // WB13b
    }
    if (a == SOUTH_EAST_ASIAN && b == SOUTH_EAST_ASIAN) {
      return false; // Lucene keeps runs of complex-context script characters together
    }
    return true; // WB999
  }

  private static boolean isLetter(int category) {
    return category == ALETTER || category == HEBREW;
  }

  private static boolean isMidLetterLike(int category) {
    return category == MID_LETTER || category == MID_NUM_LET || category == SINGLE_QUOTE;
  }

  private static boolean isMidNumLike(int category) {
    return category == MID_NUM || category == MID_NUM_LET || category == SINGLE_QUOTE;
  }

  private static int category(int codePoint) {
    switch (codePoint) {
      case '\'':
        return SINGLE_QUOTE;
      case '"':
        return DOUBLE_QUOTE;
      case ':', 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2027, 0xFE13, 0xFE55, 0xFF1A:
        return MID_LETTER;
      case '.', 0x2018, 0x2019, 0x2024, 0xFE52, 0xFF07, 0xFF0E:
        return MID_NUM_LET;
      case ',',
          ';',
          0x037E,
          0x0589,
          0x060C,
          0x060D,
          0x066C,
          0x07F8,
          0x2044,
          0xFE10,
          0xFE14,
          0xFE50,
          0xFE54,
          0xFF0C,
          0xFF1B:
        return MID_NUM;
      case 0x200C, 0x200D:
        return EXTEND;
      case 0x200B:
        return OTHER;
      case 0x30FC, 0x309B, 0x309C, 0x30A0, 0xFF70, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035:
        return KATAKANA;
      default:
        break;
    }
    int type = Character.getType(codePoint);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.FORMAT) {
      return EXTEND;
    }
    if (type == Character.CONNECTOR_PUNCTUATION) {
      return EXTEND_NUM_LET;
    }
    if (type == Character.DECIMAL_DIGIT_NUMBER) {
      return NUMERIC;
    }
    if (codePoint >= 0x1F000 && codePoint <= 0x1FAFF && type == Character.OTHER_SYMBOL) {
      return EMOJI;
    }
    Character.UnicodeScript script;
    try {
      script = Character.UnicodeScript.of(codePoint);
    } catch (IllegalArgumentException e) {
      return OTHER;
    }
    if (Character.isIdeographic(codePoint)) {
      return IDEOGRAPHIC;
    }
    switch (script) {
      case HIRAGANA:
        return HIRAGANA;
      case KATAKANA:
        return KATAKANA;
      case THAI, LAO, MYANMAR, KHMER, TAI_THAM, TAI_VIET, NEW_TAI_LUE, TAI_LE:
        return Character.isLetter(codePoint) ? SOUTH_EAST_ASIAN : OTHER;
      case HEBREW:
        return Character.isLetter(codePoint) ? HEBREW : OTHER;
      default:
        break;
    }
    return Character.isAlphabetic(codePoint) ? ALETTER : OTHER;
  }
}

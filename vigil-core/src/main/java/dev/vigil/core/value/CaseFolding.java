package dev.vigil.core.value;

/**
 * Lower-cases text the way Lucene's lowercase filter and Elasticsearch's {@code lowercase}
 * normalizer do: code point by code point with {@link Character#toLowerCase(int)}, with no locale
 * and no context rules. {@link String#toLowerCase} differs (it maps a final Greek sigma by context
 * and the Turkish dotted I to two chars), so it must not be used where Elasticsearch's result
 * matters.
 */
public final class CaseFolding {
  private CaseFolding() {}

  public static String lower(String text) {
    int length = text.length();
    int i = 0;
    // Fast path: most values are already lower-case ASCII, and we return them without copying.
    while (i < length) {
      char c = text.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        break;
      }
      i++;
    }
    if (i == length) {
      return text;
    }
    StringBuilder out = new StringBuilder(length);
    out.append(text, 0, i);
    while (i < length) {
      int codePoint = text.codePointAt(i);
      out.appendCodePoint(Character.toLowerCase(codePoint));
      i += Character.charCount(codePoint);
    }
    return out.toString();
  }
}

package dev.vigil.eql.compile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles EQL wildcard patterns ({@code :}, {@code like}): {@code *} matches any run of
 * characters, {@code ?} exactly one (a code point), everything else itself. There is no escape
 * character: Elastic's rules write Windows paths such as {@code "C:\\Windows\\*"}, whose backslash
 * must stay literal. Matching is over the whole value, as a Lucene wildcard query does.
 *
 * <p>Each pattern becomes the cheapest matcher that fits it — exact, prefix ({@code abc*}), suffix
 * ({@code *abc}), contains ({@code *abc*}), match-all ({@code *}) or a general glob — and a list of
 * patterns becomes one matcher, with all exact patterns folded into a single hash lookup. Case
 * folding is the caller's: for case-insensitive matching compile lower-cased patterns and pass
 * lower-cased values.
 */
public final class Wildcards {
  private Wildcards() {}

  /** One matcher for any of {@code patterns}. */
  public static StringMatcher compileAny(List<String> patterns) {
    Set<String> exact = new HashSet<>();
    List<StringMatcher> others = new ArrayList<>();
    for (String pattern : patterns) {
      if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
        exact.add(pattern);
      } else {
        StringMatcher matcher = compile(pattern);
        others.add(matcher);
      }
    }
    StringMatcher[] rest = others.toArray(new StringMatcher[0]);
    if (rest.length == 0) {
      if (exact.size() == 1) {
        String only = exact.iterator().next();
        return only::equals;
      }
      return exact::contains;
    }
    if (exact.isEmpty() && rest.length == 1) {
      return rest[0];
    }
    return value -> {
      if (exact.contains(value)) {
        return true;
      }
      for (StringMatcher matcher : rest) {
        if (matcher.matches(value)) {
          return true;
        }
      }
      return false;
    };
  }

  /** A matcher for one pattern. */
  public static StringMatcher compile(String pattern) {
    boolean hasQuestion = pattern.indexOf('?') >= 0;
    int firstStar = pattern.indexOf('*');
    if (!hasQuestion) {
      if (firstStar < 0) {
        return pattern::equals;
      }
      String inner = trimStars(pattern);
      if (inner.isEmpty()) {
        return value -> true;
      }
      if (inner.indexOf('*') < 0) {
        boolean leading = pattern.charAt(0) == '*';
        boolean trailing = pattern.charAt(pattern.length() - 1) == '*';
        if (leading && trailing) {
          return value -> value.contains(inner);
        }
        if (trailing) {
          return value -> value.startsWith(inner);
        }
        if (leading) {
          return value -> value.endsWith(inner);
        }
        String head = pattern.substring(0, firstStar);
        String tail = pattern.substring(firstStar + 1);
        int min = head.length() + tail.length();
        return value -> value.length() >= min && value.startsWith(head) && value.endsWith(tail);
      }
    }
    char[] compiled = pattern.toCharArray();
    return value -> glob(compiled, value);
  }

  private static String trimStars(String pattern) {
    int start = 0;
    int end = pattern.length();
    while (start < end && pattern.charAt(start) == '*') {
      start++;
    }
    while (end > start && pattern.charAt(end - 1) == '*') {
      end--;
    }
    return pattern.substring(start, end);
  }

  /**
   * Glob matching with the classic single-backtrack algorithm: on a mismatch, resume after the last
   * {@code *} with one more character consumed by it. Linear in practice, O(n·m) worst case, never
   * exponential.
   */
  static boolean glob(char[] pattern, String value) {
    int p = 0;
    int v = 0;
    int starP = -1;
    int starV = 0;
    int length = value.length();
    while (v < length) {
      if (p < pattern.length) {
        char c = pattern[p];
        if (c == '*') {
          starP = p++;
          starV = v;
          continue;
        }
        if (c == '?') {
          v += charCount(value, v);
          p++;
          continue;
        }
        if (c == value.charAt(v)) {
          p++;
          v++;
          continue;
        }
      }
      if (starP < 0) {
        return false;
      }
      p = starP + 1;
      starV += charCount(value, starV);
      v = starV;
    }
    while (p < pattern.length && pattern[p] == '*') {
      p++;
    }
    return p == pattern.length;
  }

  private static int charCount(String value, int index) {
    if (Character.isHighSurrogate(value.charAt(index))
        && index + 1 < value.length()
        && Character.isLowSurrogate(value.charAt(index + 1))) {
      return 2;
    }
    return 1;
  }
}

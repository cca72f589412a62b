package dev.vigil.eql.compile;

import dev.vigil.core.match.StringMatcher;
import dev.vigil.core.match.WildcardPattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles EQL wildcard patterns ({@code :}, {@code like}) with the shared {@link WildcardPattern}
 * and {@link StringMatcher}: {@code *} matches any run of characters, {@code ?} exactly one (a code
 * point), everything else itself. There is no escape character ({@link
 * WildcardPattern#parseUnescaped}): Elastic's rules write Windows paths such as {@code
 * "C:\\Windows\\*"}, whose backslash must stay literal. Matching is over the whole value, as a
 * Lucene wildcard query does.
 *
 * <p>Each pattern becomes the cheapest matcher that fits it, and a list of patterns becomes one
 * matcher with all exact patterns folded into a single hash lookup ({@link StringMatcher#anyOf}).
 * Case folding is the caller's: for case-insensitive matching compile lower-cased patterns and pass
 * lower-cased values, so that a folded value is folded once however many patterns it is tried on.
 * Stateless.
 */
public final class Wildcards {
  private Wildcards() {}

  /** One matcher for any of {@code patterns}, case-sensitive. */
  public static StringMatcher compileAny(List<String> patterns) {
    List<WildcardPattern> parsed = new ArrayList<>(patterns.size());
    for (String pattern : patterns) {
      parsed.add(WildcardPattern.parseUnescaped(pattern));
    }
    return StringMatcher.anyOf(parsed);
  }
}

package dev.vigil.engine.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule's {@code index} patterns, matched as Elasticsearch resolves index expressions: {@code *}
 * matches any run of characters, a pattern starting with {@code -} excludes what it matches from
 * what the patterns before it included. An event whose index is unknown matches every pattern list,
 * so that plain event files need no index metadata.
 */
public final class IndexPatterns {
  private final List<Pattern> patterns;

  private record Pattern(String glob, boolean exclude) {}

  private IndexPatterns(List<Pattern> patterns) {
    this.patterns = patterns;
  }

  public static IndexPatterns of(List<String> patterns) {
    List<Pattern> parsed = new ArrayList<>();
    for (String pattern : patterns) {
      for (String part : pattern.split(",")) {
        String trimmed = part.strip();
        if (trimmed.isEmpty()) {
          continue;
        }
        boolean exclude = trimmed.startsWith("-") && !parsed.isEmpty();
        parsed.add(new Pattern(exclude ? trimmed.substring(1) : trimmed, exclude));
      }
    }
    return new IndexPatterns(List.copyOf(parsed));
  }

  /** True when a rule with these patterns searches an event in {@code index}. */
  public boolean matches(Optional<String> index) {
    if (index.isEmpty() || patterns.isEmpty()) {
      return true;
    }
    boolean included = false;
    for (Pattern pattern : patterns) {
      if (glob(pattern.glob(), index.get())) {
        included = !pattern.exclude();
      }
    }
    return included;
  }

  /** {@code *} as any run of characters; everything else literal. */
  static boolean glob(String glob, String text) {
    int g = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (g < glob.length() && glob.charAt(g) == '*') {
        star = g++;
        mark = t;
      } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
        g++;
        t++;
      } else if (star >= 0) {
        g = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }
}

package dev.vigil.eql.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lucene regular expressions (the syntax of Lucene's {@code RegExp}, which Elasticsearch's EQL
 * {@code regex} operator uses), matched against the whole value with a Thompson NFA: matching is
 * linear in the input and never backtracks, so no pattern can make matching explode.
 *
 * <p>Supported: literals, {@code \}-escapes, {@code .}, {@code [...]}/{@code [^...]} classes with
 * ranges, {@code \d \s \w} and their negations, grouping {@code ( )}, alternation {@code |}, {@code
 * * + ?} and {@code {n}}, {@code {n,}}, {@code {n,m}}, quoted strings {@code "..."}, {@code @} (any
 * string), {@code #} (the empty language) and numeric intervals {@code <n-m>}. There are no
 * anchors: {@code ^} and {@code $} are ordinary characters, as in Lucene. Not supported: the
 * complement {@code ~} and intersection {@code &} operators (they need determinisation); they are
 * reported as query errors.
 *
 * <p>Budget: a pattern compiling to more than {@code maxStates} NFA states (counted-repetition
 * expands) is rejected with {@link TooComplexException}, the role Lucene's {@code
 * TooComplexToDeterminizeException} plays.
 */
public final class LuceneRegex {

  /** A pattern needs more automaton states than the budget allows. */
  public static final class TooComplexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooComplexException(String message) {
      super(message, null, false, false);
    }
  }

  /** A pattern is malformed or uses an unsupported operator. */
  public static final class SyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message, null, false, false);
    }
  }

  // State kinds.
  private static final int RANGE = 0;
  private static final int SPLIT = 1;
  private static final int MATCH = 2;

  private final int[] kind;
  private final int[] low;
  private final int[] high;
  private final int[] next1;
  private final int[] next2;
  private final int start;
  private final boolean caseInsensitive;

  private LuceneRegex(Builder builder, int start, boolean caseInsensitive) {
    int n = builder.count;
    this.kind = Arrays.copyOf(builder.kind, n);
    this.low = Arrays.copyOf(builder.low, n);
    this.high = Arrays.copyOf(builder.high, n);
    this.next1 = Arrays.copyOf(builder.next1, n);
    this.next2 = Arrays.copyOf(builder.next2, n);
    this.start = start;
    this.caseInsensitive = caseInsensitive;
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws SyntaxException for a malformed or unsupported pattern
   * @throws TooComplexException when the pattern needs more than {@code maxStates} states
   */
  public static LuceneRegex compile(String pattern, boolean caseInsensitive, int maxStates) {
    Node tree = new Parser(pattern).parseAll();
    Builder builder = new Builder(maxStates, pattern);
    int match = builder.add(MATCH, 0, 0, -1, -1);
    int start = tree.build(builder, match);
    return new LuceneRegex(builder, start, caseInsensitive);
  }

  /** The number of NFA states. */
  public int stateCount() {
    return kind.length;
  }

  /** True when the whole {@code value} matches. */
  public boolean matches(String value) {
    int n = kind.length;
    int[] current = new int[n];
    int[] next = new int[n];
    int[] mark = new int[n];
    int generation = 1;
    int currentSize = addState(start, current, 0, mark, generation);
    int i = 0;
    int length = value.length();
    while (i < length && currentSize > 0) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      generation++;
      int nextSize = 0;
      for (int k = 0; k < currentSize; k++) {
        int s = current[k];
        if (kind[s] == RANGE && accepts(s, c)) {
          nextSize = addState(next1[s], next, nextSize, mark, generation);
        }
      }
      int[] swap = current;
      current = next;
      next = swap;
      currentSize = nextSize;
    }
    if (i < length) {
      return false;
    }
    for (int k = 0; k < currentSize; k++) {
      if (kind[current[k]] == MATCH) {
        return true;
      }
    }
    return false;
  }

  private boolean accepts(int state, int c) {
    if (c >= low[state] && c <= high[state]) {
      return true;
    }
    if (caseInsensitive) {
      int lower = Character.toLowerCase(c);
      int upper = Character.toUpperCase(c);
      return (lower >= low[state] && lower <= high[state])
          || (upper >= low[state] && upper <= high[state]);
    }
    return false;
  }

  /** Adds {@code state} and its epsilon closure, iteratively (patterns may be long). */
  private int addState(int state, int[] list, int size, int[] mark, int generation) {
    int[] stack = new int[kind.length + 1];
    int top = 0;
    stack[top++] = state;
    while (top > 0) {
      int s = stack[--top];
      if (s < 0 || mark[s] == generation) {
        continue;
      }
      mark[s] = generation;
      if (kind[s] == SPLIT) {
        stack[top++] = next2[s];
        stack[top++] = next1[s];
      } else {
        list[size++] = s;
      }
    }
    return size;
  }

  /** Collects states; fails when over budget. */
  private static final class Builder {
    private final int maxStates;
    private final String pattern;
    int count;
    int[] kind = new int[16];
    int[] low = new int[16];
    int[] high = new int[16];
    int[] next1 = new int[16];
    int[] next2 = new int[16];

    Builder(int maxStates, String pattern) {
      this.maxStates = maxStates;
      this.pattern = pattern;
    }

    int add(int k, int lo, int hi, int n1, int n2) {
      if (count >= maxStates) {
        throw new TooComplexException(
            "regex ["
                + pattern
                + "] is too complex: it needs more than ["
                + maxStates
                + "] automaton states (setting maxRegexStates)");
      }
      if (count == kind.length) {
        int size = count * 2;
        kind = Arrays.copyOf(kind, size);
        low = Arrays.copyOf(low, size);
        high = Arrays.copyOf(high, size);
        next1 = Arrays.copyOf(next1, size);
        next2 = Arrays.copyOf(next2, size);
      }
      kind[count] = k;
      low[count] = lo;
      high[count] = hi;
      next1[count] = n1;
      next2[count] = n2;
      return count++;
    }
  }

  /** A parsed pattern; {@link #build} emits states ending in {@code next} and returns the entry. */
  private interface Node {
    int build(Builder b, int next);
  }

  private static final class Empty implements Node {
    @Override
    public int build(Builder b, int next) {
      return next;
    }
  }

  private static final class Nothing implements Node {
    @Override
    public int build(Builder b, int next) {
      return b.add(RANGE, 1, 0, next, -1); // an empty range: never taken
    }
  }

  private static final class Ranges implements Node {
    final int[] ranges; // pairs low, high

    Ranges(int[] ranges) {
      this.ranges = ranges;
    }

    @Override
    public int build(Builder b, int next) {
      int entry = -1;
      for (int i = ranges.length - 2; i >= 0; i -= 2) {
        int state = b.add(RANGE, ranges[i], ranges[i + 1], next, -1);
        entry = entry < 0 ? state : b.add(SPLIT, 0, 0, state, entry);
      }
      return entry < 0 ? new Nothing().build(b, next) : entry;
    }
  }

  private static final class Concat implements Node {
    final List<Node> parts;

    Concat(List<Node> parts) {
      this.parts = parts;
    }

    @Override
    public int build(Builder b, int next) {
      int entry = next;
      for (int i = parts.size() - 1; i >= 0; i--) {
        entry = parts.get(i).build(b, entry);
      }
      return entry;
    }
  }

  private static final class Union implements Node {
    final List<Node> alternatives;

    Union(List<Node> alternatives) {
      this.alternatives = alternatives;
    }

    @Override
    public int build(Builder b, int next) {
      int entry = alternatives.get(alternatives.size() - 1).build(b, next);
      for (int i = alternatives.size() - 2; i >= 0; i--) {
        int alternative = alternatives.get(i).build(b, next);
        entry = b.add(SPLIT, 0, 0, alternative, entry);
      }
      return entry;
    }
  }

  /** {@code x{min,max}}; max -1 is unbounded. */
  private static final class Repeat implements Node {
    final Node body;
    final int min;
    final int max;

    Repeat(Node body, int min, int max) {
      this.body = body;
      this.min = min;
      this.max = max;
    }

    @Override
    public int build(Builder b, int next) {
      int entry;
      if (max < 0) {
        // x* : split -> body -> back to split
        int split = b.add(SPLIT, 0, 0, -1, next);
        int bodyEntry = body.build(b, split);
        b.next1[split] = bodyEntry;
        entry = split;
      } else {
        entry = next;
        for (int i = 0; i < max - min; i++) {
          int bodyEntry = body.build(b, entry);
          entry = b.add(SPLIT, 0, 0, bodyEntry, next);
          next = entry;
        }
      }
      for (int i = 0; i < min; i++) {
        entry = body.build(b, entry);
      }
      return entry;
    }
  }

  /** Recursive-descent parser for Lucene's RegExp grammar. */
  private static final class Parser {
    private final String pattern;
    private int pos;

    Parser(String pattern) {
      this.pattern = pattern;
    }

    Node parseAll() {
      Node node = union();
      if (pos < pattern.length()) {
        throw error("unexpected [" + pattern.charAt(pos) + "]");
      }
      return node;
    }

    private SyntaxException error(String message) {
      return new SyntaxException(
          "invalid regex [" + pattern + "] at position [" + pos + "]: " + message);
    }

    private boolean more() {
      return pos < pattern.length();
    }

    private int peek() {
      return pattern.codePointAt(pos);
    }

    private int take() {
      int c = pattern.codePointAt(pos);
      pos += Character.charCount(c);
      return c;
    }

    private Node union() {
      List<Node> alternatives = new ArrayList<>();
      alternatives.add(concat());
      while (more() && peek() == '|') {
        pos++;
        alternatives.add(concat());
      }
      return alternatives.size() == 1 ? alternatives.get(0) : new Union(alternatives);
    }

    private Node concat() {
      List<Node> parts = new ArrayList<>();
      while (more() && peek() != '|' && peek() != ')') {
        if (peek() == '&') {
          throw error("the intersection operator [&] is not supported");
        }
        parts.add(repeat());
      }
      if (parts.isEmpty()) {
        return new Empty();
      }
      return parts.size() == 1 ? parts.get(0) : new Concat(parts);
    }

    private Node repeat() {
      Node node = atom();
      while (more()) {
        int c = peek();
        if (c == '*') {
          pos++;
          node = new Repeat(node, 0, -1);
        } else if (c == '+') {
          pos++;
          node = new Repeat(node, 1, -1);
        } else if (c == '?') {
          pos++;
          node = new Repeat(node, 0, 1);
        } else if (c == '{') {
          int save = pos;
          pos++;
          int min = number();
          int max = min;
          if (more() && peek() == ',') {
            pos++;
            max = more() && Character.isDigit(peek()) ? number() : -1;
          }
          if (!more() || peek() != '}') {
            pos = save;
            throw error("expected [}]");
          }
          pos++;
          if (max >= 0 && max < min) {
            throw error("repetition maximum is below its minimum");
          }
          node = new Repeat(node, min, max);
        } else {
          break;
        }
      }
      return node;
    }

    private int number() {
      int start = pos;
      while (more() && Character.isDigit(peek())) {
        pos++;
      }
      if (start == pos) {
        throw error("expected a number");
      }
      try {
        return Integer.parseInt(pattern.substring(start, pos));
      } catch (NumberFormatException e) {
        throw error("number too large");
      }
    }

    private Node atom() {
      int c = take();
      switch (c) {
        case '~':
          throw error("the complement operator [~] is not supported");
        case '.':
          return new Ranges(new int[] {0, Character.MAX_CODE_POINT});
        case '@':
          return new Repeat(new Ranges(new int[] {0, Character.MAX_CODE_POINT}), 0, -1);
        case '#':
          return new Nothing();
        case '(':
          {
            if (more() && peek() == ')') {
              pos++;
              return new Empty();
            }
            Node inner = union();
            if (!more() || peek() != ')') {
              throw error("expected [)]");
            }
            pos++;
            return inner;
          }
        case '[':
          return charClass();
        case '"':
          {
            List<Node> chars = new ArrayList<>();
            while (more() && peek() != '"') {
              int ch = take();
              chars.add(new Ranges(new int[] {ch, ch}));
            }
            if (!more()) {
              throw error("expected [\"]");
            }
            pos++;
            return chars.isEmpty() ? new Empty() : new Concat(chars);
          }
        case '<':
          return interval();
        case '\\':
          return escaped(false);
        default:
          return new Ranges(new int[] {c, c});
      }
    }

    private Node escaped(boolean inClass) {
      if (!more()) {
        throw error("expected a character after [\\]");
      }
      int c = take();
      int[] predefined = predefined(c);
      if (predefined != null) {
        return new Ranges(predefined);
      }
      return new Ranges(new int[] {c, c});
    }

    /** {@code \d \s \w} and negations, as Lucene 9 defines them (ASCII classes). */
    private static int[] predefined(int c) {
      switch (c) {
        case 'd':
          return new int[] {'0', '9'};
        case 'D':
          return complement(new int[] {'0', '9'});
        case 's':
          return new int[] {'\t', '\r', ' ', ' '};
        case 'S':
          return complement(new int[] {'\t', '\r', ' ', ' '});
        case 'w':
          return new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
        case 'W':
          return complement(new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'});
        default:
          return null;
      }
    }

    private static int[] complement(int[] sorted) {
      List<Integer> out = new ArrayList<>();
      int from = 0;
      for (int i = 0; i < sorted.length; i += 2) {
        if (sorted[i] > from) {
          out.add(from);
          out.add(sorted[i] - 1);
        }
        from = sorted[i + 1] + 1;
      }
      if (from <= Character.MAX_CODE_POINT) {
        out.add(from);
        out.add(Character.MAX_CODE_POINT);
      }
      return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private Node charClass() {
      boolean negated = false;
      if (more() && peek() == '^') {
        pos++;
        negated = true;
      }
      List<int[]> ranges = new ArrayList<>();
      boolean first = true;
      while (more() && (peek() != ']' || first)) {
        first = false;
        int lo;
        if (peek() == '\\') {
          pos++;
          if (!more()) {
            throw error("expected a character after [\\]");
          }
          int e = take();
          int[] predefined = predefined(e);
          if (predefined != null) {
            for (int i = 0; i < predefined.length; i += 2) {
              ranges.add(new int[] {predefined[i], predefined[i + 1]});
            }
            continue;
          }
          lo = e;
        } else {
          lo = take();
        }
        int hi = lo;
        if (more()
            && peek() == '-'
            && pos + 1 < pattern.length()
            && pattern.charAt(pos + 1) != ']') {
          pos++;
          hi = peek() == '\\' ? skipAndTake() : take();
          if (hi < lo) {
            throw error("invalid class range");
          }
        }
        ranges.add(new int[] {lo, hi});
      }
      if (!more()) {
        throw error("expected []]");
      }
      pos++;
      ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
      List<Integer> merged = new ArrayList<>();
      for (int[] range : ranges) {
        int size = merged.size();
        if (size > 0 && range[0] <= merged.get(size - 1) + 1) {
          merged.set(size - 1, Math.max(merged.get(size - 1), range[1]));
        } else {
          merged.add(range[0]);
          merged.add(range[1]);
        }
      }
      int[] flat = merged.stream().mapToInt(Integer::intValue).toArray();
      return new Ranges(negated ? complement(flat) : flat);
    }

    private int skipAndTake() {
      pos++;
      if (!more()) {
        throw error("expected a character after [\\]");
      }
      return take();
    }

    /** {@code <n-m>}: any decimal number in the range, with optional leading zeros. */
    private Node interval() {
      int close = pattern.indexOf('>', pos);
      if (close < 0) {
        throw error("expected [>]");
      }
      String body = pattern.substring(pos, close);
      int dash = body.indexOf('-');
      if (dash <= 0) {
        throw error("invalid numeric interval");
      }
      long from;
      long to;
      try {
        from = Long.parseLong(body.substring(0, dash));
        to = Long.parseLong(body.substring(dash + 1));
      } catch (NumberFormatException e) {
        throw error("invalid numeric interval");
      }
      if (from > to) {
        long swap = from;
        from = to;
        to = swap;
      }
      if (to - from > 10_000) {
        throw error("numeric interval too large");
      }
      pos = close + 1;
      List<Node> alternatives = new ArrayList<>();
      for (long n = from; n <= to; n++) {
        List<Node> chars = new ArrayList<>();
        chars.add(new Repeat(new Ranges(new int[] {'0', '0'}), 0, -1));
        for (char ch : Long.toString(n).toCharArray()) {
          chars.add(new Ranges(new int[] {ch, ch}));
        }
        alternatives.add(new Concat(chars));
      }
      return new Union(alternatives);
    }
  }
}

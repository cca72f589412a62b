package dev.vigil.kql.wildcard;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A Lucene regular expression ({@code org.apache.lucene.util.automaton.RegExp} syntax, as the
 * {@code /…/} of query strings and the {@code regexp} query use it) matched against a whole value.
 *
 * <p>Design: the pattern is parsed by recursive descent and compiled by Thompson's construction
 * into an NFA of code-point-range and split states (K. Thompson, "Regular expression search
 * algorithm", CACM 1968), which is simulated with state sets. Matching is O(value × states) with no
 * backtracking and no determinisation, so no input can make it exponential. Budgets: patterns
 * longer than {@link #MAX_LENGTH} (Elasticsearch's {@code index.max_regex_length} default) or
 * needing more than {@link #MAX_STATES} states (repetition counts multiply states) are refused with
 * {@link PatternTooComplexException}. Supported: literals, {@code \} escapes, {@code .}, classes
 * {@code [a-z]} / {@code [^…]}, {@code \d \D \s \S \w \W}, groups, {@code |}, {@code * + ? {n} {n,}
 * {n,m}}, {@code "literal strings"}, {@code @} (any string) and {@code #} (empty language). The
 * complement {@code ~}, intersection {@code &} and numeric interval {@code <n-m>} operators are
 * refused with {@link IllegalArgumentException}.
 *
 * <p>Immutable and thread-safe once compiled.
 */
public final class LuceneRegex {
  /** Budget: the longest pattern accepted (Elasticsearch {@code index.max_regex_length}). */
  public static final int MAX_LENGTH = 1000;

  /** Budget: the most NFA states a pattern may compile to. */
  public static final int MAX_STATES = 10_000;

  private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;
  private static final int RANGES = 0;
  private static final int SPLIT = 1;
  private static final int MATCH = 2;

  private final String source;
  private final int[] kinds;
  private final int[][] ranges;
  private final int[] out1;
  private final int[] out2;
  private final int start;

  private LuceneRegex(String source, Builder builder, int start) {
    this.source = source;
    int size = builder.kinds.size();
    this.kinds = new int[size];
    this.ranges = new int[size][];
    this.out1 = new int[size];
    this.out2 = new int[size];
    for (int i = 0; i < size; i++) {
      kinds[i] = builder.kinds.get(i);
      ranges[i] = builder.ranges.get(i);
      out1[i] = builder.out1.get(i);
      out2[i] = builder.out2.get(i);
    }
    this.start = start;
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws PatternTooComplexException when a budget is exceeded
   * @throws IllegalArgumentException when the pattern is malformed or uses an unsupported operator
   */
  public static LuceneRegex compile(String pattern) {
    if (pattern.length() > MAX_LENGTH) {
      throw new PatternTooComplexException(
          "the length of the regex ["
              + pattern.length()
              + "] exceeds the budget of "
              + MAX_LENGTH
              + " (LuceneRegex.MAX_LENGTH, Elasticsearch index.max_regex_length)");
    }
    Node tree = new Parser(pattern).parseAll();
    Builder builder = new Builder();
    int match = builder.add(MATCH, null, -1, -1);
    int start = builder.build(tree, match);
    return new LuceneRegex(pattern, builder, start);
  }

  /** True when the whole of {@code value} matches. */
  public boolean matches(String value) {
    BitSet current = new BitSet(kinds.length);
    addClosure(current, start);
    BitSet next = new BitSet(kinds.length);
    int i = 0;
    while (i < value.length() && !current.isEmpty()) {
      int codePoint = value.codePointAt(i);
      next.clear();
      for (int state = current.nextSetBit(0); state >= 0; state = current.nextSetBit(state + 1)) {
        if (kinds[state] == RANGES && inRanges(ranges[state], codePoint)) {
          addClosure(next, out1[state]);
        }
      }
      BitSet swap = current;
      current = next;
      next = swap;
      i += Character.charCount(codePoint);
    }
    for (int state = current.nextSetBit(0); state >= 0; state = current.nextSetBit(state + 1)) {
      if (kinds[state] == MATCH) {
        return true;
      }
    }
    return false;
  }

  private void addClosure(BitSet set, int state) {
    if (state < 0 || set.get(state)) {
      return;
    }
    set.set(state);
    if (kinds[state] == SPLIT) {
      addClosure(set, out1[state]);
      addClosure(set, out2[state]);
    }
  }

  private static boolean inRanges(int[] ranges, int codePoint) {
    for (int i = 0; i < ranges.length; i += 2) {
      if (codePoint >= ranges[i] && codePoint <= ranges[i + 1]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return source;
  }

  // ---------------------------------------------------------------------------------------------
  // syntax tree

  private sealed interface Node permits CharSet, Concat, Union, Repeat, Empty, Nothing {}

  /** One code point out of a set of ranges (pairs lo, hi). */
  private record CharSet(int[] ranges) implements Node {}

  private record Concat(List<Node> parts) implements Node {}

  private record Union(List<Node> alternatives) implements Node {}

  /** {@code min} to {@code max} repetitions; max -1 = unbounded. */
  private record Repeat(Node body, int min, int max) implements Node {}

  /** The empty string. */
  private record Empty() implements Node {}

  /** The empty language ({@code #}). */
  private record Nothing() implements Node {}

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Node parseAll() {
      Node node = union();
      if (pos < text.length()) {
        throw error("unexpected [" + text.charAt(pos) + "]");
      }
      return node;
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException(
          "invalid regular expression [" + text + "] at position " + pos + ": " + message);
    }

    private boolean more() {
      return pos < text.length();
    }

    private int peek() {
      return text.codePointAt(pos);
    }

    private int take() {
      int c = text.codePointAt(pos);
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
      Node node = simple();
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
          pos++;
          int min = number();
          int max = min;
          if (more() && peek() == ',') {
            pos++;
            max = more() && Character.isDigit(peek()) ? number() : -1;
          }
          if (!more() || take() != '}') {
            throw error("expected [}]");
          }
          if (max >= 0 && max < min) {
            throw error("repeat bounds {" + min + "," + max + "} are reversed");
          }
          node = new Repeat(node, min, max);
        } else {
          break;
        }
      }
      return node;
    }

    private int number() {
      int begin = pos;
      while (more() && Character.isDigit(peek())) {
        pos++;
      }
      if (begin == pos) {
        throw error("expected a number");
      }
      try {
        return Integer.parseInt(text.substring(begin, pos));
      } catch (NumberFormatException e) {
        throw error("repeat count too large");
      }
    }

    private Node simple() {
      int c = take();
      switch (c) {
        case '.':
          return new CharSet(new int[] {0, MAX_CODE_POINT});
        case '@':
          return new Repeat(new CharSet(new int[] {0, MAX_CODE_POINT}), 0, -1);
        case '#':
          return new Nothing();
        case '~':
          throw error("the complement operator [~] is not supported");
        case '<':
          throw error("numeric intervals [<n-m>] are not supported");
        case '(':
          {
            if (more() && peek() == ')') {
              pos++;
              return new Empty();
            }
            Node inner = union();
            if (!more() || take() != ')') {
              throw error("expected [)]");
            }
            return inner;
          }
        case '"':
          {
            List<Node> chars = new ArrayList<>();
            while (more() && peek() != '"') {
              int literal = take();
              chars.add(new CharSet(new int[] {literal, literal}));
            }
            if (!more()) {
              throw error("unterminated string");
            }
            pos++;
            return chars.isEmpty() ? new Empty() : new Concat(chars);
          }
        case '[':
          return charClass();
        case '\\':
          return escape();
        default:
          return new CharSet(new int[] {c, c});
      }
    }

    private Node escape() {
      if (!more()) {
        throw error("a pattern cannot end with [\\]");
      }
      int c = take();
      int[] digits = {'0', '9'};
      int[] spaces = {'\t', '\r', ' ', ' '};
      int[] word = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
      return switch (c) {
        case 'd' -> new CharSet(digits);
        case 'D' -> new CharSet(complement(digits));
        case 's' -> new CharSet(new int[] {'\t', '\r', ' ', ' '});
        case 'S' -> new CharSet(complement(spaces));
        case 'w' -> new CharSet(word);
        case 'W' -> new CharSet(complement(word));
        default -> new CharSet(new int[] {c, c});
      };
    }

    private Node charClass() {
      boolean negated = more() && peek() == '^';
      if (negated) {
        pos++;
      }
      List<int[]> pairs = new ArrayList<>();
      while (more() && peek() != ']') {
        int low = classChar();
        int high = low;
        if (more() && peek() == '-' && pos + 1 < text.length() && text.charAt(pos + 1) != ']') {
          pos++;
          high = classChar();
          if (high < low) {
            throw error("reversed range in character class");
          }
        }
        pairs.add(new int[] {low, high});
      }
      if (!more()) {
        throw error("expected []]");
      }
      pos++;
      int[] ranges = new int[pairs.size() * 2];
      for (int i = 0; i < pairs.size(); i++) {
        ranges[2 * i] = pairs.get(i)[0];
        ranges[2 * i + 1] = pairs.get(i)[1];
      }
      return new CharSet(negated ? complement(ranges) : ranges);
    }

    private int classChar() {
      int c = take();
      if (c == '\\') {
        if (!more()) {
          throw error("a pattern cannot end with [\\]");
        }
        return take();
      }
      return c;
    }
  }

  /** The code points not in {@code ranges} (pairs, any order). */
  private static int[] complement(int[] ranges) {
    List<int[]> sorted = new ArrayList<>();
    for (int i = 0; i < ranges.length; i += 2) {
      sorted.add(new int[] {ranges[i], ranges[i + 1]});
    }
    sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<Integer> out = new ArrayList<>();
    int next = 0;
    for (int[] range : sorted) {
      if (range[0] > next) {
        out.add(next);
        out.add(range[0] - 1);
      }
      next = Math.max(next, range[1] + 1);
    }
    if (next <= MAX_CODE_POINT) {
      out.add(next);
      out.add(MAX_CODE_POINT);
    }
    int[] result = new int[out.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = out.get(i);
    }
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Thompson construction

  private static final class Builder {
    final List<Integer> kinds = new ArrayList<>();
    final List<int[]> ranges = new ArrayList<>();
    final List<Integer> out1 = new ArrayList<>();
    final List<Integer> out2 = new ArrayList<>();

    int add(int kind, int[] charRanges, int first, int second) {
      if (kinds.size() >= MAX_STATES) {
        throw new PatternTooComplexException(
            "the regular expression needs more than "
                + MAX_STATES
                + " states (LuceneRegex.MAX_STATES)");
      }
      kinds.add(kind);
      ranges.add(charRanges);
      out1.add(first);
      out2.add(second);
      return kinds.size() - 1;
    }

    /** Compiles {@code node} to continue at {@code next}; returns its start state. */
    int build(Node node, int next) {
      if (node instanceof CharSet set) {
        return add(RANGES, set.ranges(), next, -1);
      }
      if (node instanceof Concat concat) {
        int state = next;
        for (int i = concat.parts().size() - 1; i >= 0; i--) {
          state = build(concat.parts().get(i), state);
        }
        return state;
      }
      if (node instanceof Union union) {
        int state = build(union.alternatives().get(0), next);
        for (int i = 1; i < union.alternatives().size(); i++) {
          state = add(SPLIT, null, state, build(union.alternatives().get(i), next));
        }
        return state;
      }
      if (node instanceof Repeat repeat) {
        int state = next;
        if (repeat.max() < 0) {
          int loop = add(SPLIT, null, -1, next);
          int body = build(repeat.body(), loop);
          out1.set(loop, body);
          state = loop;
        } else {
          for (int i = repeat.min(); i < repeat.max(); i++) {
            state = add(SPLIT, null, build(repeat.body(), state), state);
          }
        }
        for (int i = 0; i < repeat.min(); i++) {
          state = build(repeat.body(), state);
        }
        return state;
      }
      if (node instanceof Nothing) {
        return add(RANGES, new int[0], -1, -1);
      }
      return next; // Empty
    }
  }
}

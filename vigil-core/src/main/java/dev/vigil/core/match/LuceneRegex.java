package dev.vigil.core.match;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Lucene regular expression (the syntax of {@code org.apache.lucene.util.automaton.RegExp}, which
 * Elasticsearch uses for EQL's {@code regex}/{@code regex~}, the query DSL {@code regexp} query and
 * the {@code /…/} of query strings) matched against a whole value. This is the one implementation
 * shared by vigil-eql and vigil-kql.
 *
 * <p>Design: the pattern is parsed by recursive descent and compiled by Thompson's construction
 * into an NFA of code-point-range and split states (K. Thompson, "Regular expression search
 * algorithm", CACM 11(6), 1968), which is simulated with state lists (R. Cox, "Regular Expression
 * Matching Can Be Simple And Fast", 2007), with no backtracking, so no input can make it
 * exponential. Each set of NFA states the simulation reaches is kept as a state of a DFA built
 * lazily, with its transitions on ASCII characters (Cox, "Regular Expression Matching: the Virtual
 * Machine Approach", 2009, §"Caching the NFA to build a DFA"): once a hunt's values have visited
 * the sets they reach, a character costs one array read instead of a step over every NFA state —
 * {@code process.command_line regex ".*[0-9]{1,3}\.…"} took ~11 µs per command line by simulation.
 * At most {@link #MAX_DFA_STATES} sets holding {@link #MAX_DFA_SET_SIZES} NFA states in all are
 * kept per pattern; beyond them, and for non-ASCII characters, the step is simulated. Patterns of
 * more than {@link #MAX_DFA_NFA_STATES} NFA states are only simulated. Epsilon closures are
 * computed with an explicit stack, because counted repetition ({@code a{0,5000}}) builds split
 * chains deeper than the Java stack.
 *
 * <p>Supported: literals, {@code \}-escapes, {@code .}, classes {@code [a-z]} / {@code [^…]} (a
 * {@code ]} right after the opening bracket is literal, as in Lucene), {@code \d \D \s \S \w \W}
 * (ASCII, as Lucene defines them; also inside classes), groups, {@code |}, {@code * + ? {n} {n,}
 * {n,m}}, {@code "literal strings"}, {@code @} (any string), {@code #} (the empty language) and
 * numeric intervals {@code <n-m>}. There are no anchors: {@code ^} and {@code $} are ordinary
 * characters, as in Lucene. Refused with {@link RegexSyntaxException}: the complement {@code ~} and
 * intersection {@code &} operators, because they need determinisation.
 *
 * <p>Case-insensitive matching ({@link RegexOptions#caseInsensitive()}) accepts a character when
 * it, its lower case or its upper case is in a state's ranges.
 *
 * <p>Budgets ({@link RegexOptions}): a pattern longer than {@code maxLength} or compiling to more
 * than {@code maxStates} states is refused with {@link PatternTooComplexException}, the role
 * Lucene's {@code TooComplexToDeterminizeException} plays.
 *
 * <p>Thread-safe once compiled: the lazy DFA grows under a lock, and its states are published
 * through final fields, so a thread that reads a transition sees the whole state it leads to.
 */
public final class LuceneRegex {

  /** The most DFA states one pattern keeps (each holds 128 transitions). */
  static final int MAX_DFA_STATES = 2_000;

  /** The most NFA state numbers the kept DFA states hold in all (4 bytes each). */
  static final int MAX_DFA_SET_SIZES = 250_000;

  /**
   * Patterns with more NFA states than this are only simulated: their state sets are too large to
   * be worth keeping ({@code a{0,50000}}).
   */
  static final int MAX_DFA_NFA_STATES = 4_096;

  private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

  /** Numeric intervals expand to one alternative per number, so their width has its own bound. */
  private static final int MAX_INTERVAL_WIDTH = 10_000;

  // State kinds.
  private static final int RANGES = 0;
  private static final int SPLIT = 1;
  private static final int MATCH = 2;

  private final String pattern;
  private final boolean caseInsensitive;
  private final int[] kinds;
  private final int[][] ranges;
  private final int[] next1;
  private final int[] next2;
  private final int start;
  // the lazy DFA: states by their NFA state set, the start state (null: simulate only), the sizes
  // of the sets kept, and the lock-guarded work arrays of a step
  private final Map<StateSet, DfaState> dfaStates = new HashMap<>();
  private final DfaState dfaStart;
  private int dfaSetSizes;
  private int[] stepList;
  private int[] stepMark;
  private int[] stepStack;
  private int stepGeneration;

  private LuceneRegex(String pattern, boolean caseInsensitive, Builder builder, int start) {
    int size = builder.count;
    this.pattern = pattern;
    this.caseInsensitive = caseInsensitive;
    this.kinds = Arrays.copyOf(builder.kinds, size);
    this.ranges = Arrays.copyOf(builder.ranges, size);
    this.next1 = Arrays.copyOf(builder.next1, size);
    this.next2 = Arrays.copyOf(builder.next2, size);
    this.start = start;
    if (size > MAX_DFA_NFA_STATES) {
      this.dfaStart = null;
    } else {
      this.stepList = new int[size];
      this.stepMark = new int[size];
      this.stepStack = new int[size + 1];
      int count = addClosure(start, stepList, 0, stepMark, ++stepGeneration, stepStack);
      int[] states = Arrays.copyOf(stepList, count);
      Arrays.sort(states);
      this.dfaStart = intern(states);
    }
  }

  /** A set of NFA states (sorted), as a map key. */
  private record StateSet(int[] states) {
    @Override
    public boolean equals(Object other) {
      return other instanceof StateSet set && Arrays.equals(states, set.states);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(states);
    }
  }

  /**
   * A set of NFA states the simulation can be in, whether it accepts, and, when the DFA keeps it,
   * the states reached from it on each ASCII character once worked out (null until then; written
   * under the lock, read without it). A state the DFA had no room for has no transitions.
   */
  private static final class DfaState {
    final int[] states;
    final boolean accepting;
    final DfaState[] next;

    DfaState(int[] states, boolean accepting, boolean kept) {
      this.states = states;
      this.accepting = accepting;
      this.next = kept ? new DfaState[128] : null;
    }
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws RegexSyntaxException when the pattern is malformed or uses an unsupported operator
   * @throws PatternTooComplexException when a budget of {@code options} is exceeded
   */
  public static LuceneRegex compile(String pattern, RegexOptions options) {
    requireNonNull(pattern, "pattern is null");
    requireNonNull(options, "options is null");
    if (pattern.length() > options.maxLength()) {
      throw new PatternTooComplexException(
          "the length of the regex ["
              + pattern.length()
              + "] exceeds the budget of ["
              + options.maxLength()
              + "] (setting "
              + options.maxLengthSetting()
              + ")");
    }
    Node tree = new Parser(pattern).parseAll();
    Builder builder = new Builder(pattern, options);
    int match = builder.add(MATCH, null, -1, -1);
    int start = builder.build(tree, match);
    return new LuceneRegex(pattern, options.caseInsensitive(), builder, start);
  }

  /** The number of NFA states, the quantity {@link RegexOptions#maxStates()} bounds. */
  public int stateCount() {
    return kinds.length;
  }

  /** True when the whole of {@code value} matches. */
  public boolean matches(String value) {
    if (dfaStart == null) {
      return simulate(value);
    }
    DfaState state = dfaStart;
    int length = value.length();
    for (int i = 0; i < length && state.states.length > 0; ) {
      char c = value.charAt(i);
      if (c < 128 && state.next != null) {
        DfaState next = state.next[c];
        state = next != null ? next : step(state, c);
        i++;
      } else {
        int codePoint = value.codePointAt(i);
        state = step(state, codePoint);
        i += Character.charCount(codePoint);
      }
    }
    return state.accepting;
  }

  /**
   * The state {@code from} moves to on {@code codePoint}, worked out by simulating the NFA, and
   * cached for ASCII characters while the DFA has room. An empty set is the dead state: no
   * continuation can match.
   */
  private synchronized DfaState step(DfaState from, int codePoint) {
    boolean cacheable = codePoint < 128 && from.next != null;
    if (cacheable && from.next[codePoint] != null) {
      return from.next[codePoint];
    }
    // stepMark[s] == generation when s is already in the list: no clearing per step
    int generation = ++stepGeneration;
    int count = 0;
    for (int state : from.states) {
      if (kinds[state] == RANGES && accepts(ranges[state], codePoint)) {
        count = addClosure(next1[state], stepList, count, stepMark, generation, stepStack);
      }
    }
    int[] states = Arrays.copyOf(stepList, count);
    Arrays.sort(states);
    DfaState to = intern(states);
    if (cacheable && to.next != null) {
      from.next[codePoint] = to;
    }
    return to;
  }

  /**
   * The DFA state of a sorted NFA state set: the kept one, or a new one, kept if there is room.
   * Called by the constructor and under the lock.
   */
  private DfaState intern(int[] states) {
    StateSet key = new StateSet(states);
    DfaState known = dfaStates.get(key);
    if (known != null) {
      return known;
    }
    boolean accepting = false;
    for (int state : states) {
      accepting |= kinds[state] == MATCH;
    }
    boolean room =
        dfaStates.size() < MAX_DFA_STATES && dfaSetSizes + states.length <= MAX_DFA_SET_SIZES;
    DfaState created = new DfaState(states, accepting, room);
    if (room) {
      dfaStates.put(key, created);
      dfaSetSizes += states.length;
    }
    return created;
  }

  /** Matches by simulating the NFA alone: for patterns too large for the DFA. */
  private boolean simulate(String value) {
    int size = kinds.length;
    int[] current = new int[size];
    int[] next = new int[size];
    // mark[s] == generation when s is already in the list being built: no clearing per character.
    int[] mark = new int[size];
    // Each split popped pushes two states, so a closure never holds more than size + 1 entries.
    int[] stack = new int[size + 1];
    int generation = 1;
    int currentSize = addClosure(start, current, 0, mark, generation, stack);
    int i = 0;
    int length = value.length();
    while (i < length && currentSize > 0) {
      int codePoint = value.codePointAt(i);
      i += Character.charCount(codePoint);
      generation++;
      int nextSize = 0;
      for (int k = 0; k < currentSize; k++) {
        int state = current[k];
        if (kinds[state] == RANGES && accepts(ranges[state], codePoint)) {
          nextSize = addClosure(next1[state], next, nextSize, mark, generation, stack);
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
      if (kinds[current[k]] == MATCH) {
        return true;
      }
    }
    return false;
  }

  private boolean accepts(int[] stateRanges, int codePoint) {
    if (inRanges(stateRanges, codePoint)) {
      return true;
    }
    if (caseInsensitive) {
      return inRanges(stateRanges, Character.toLowerCase(codePoint))
          || inRanges(stateRanges, Character.toUpperCase(codePoint));
    }
    return false;
  }

  private static boolean inRanges(int[] stateRanges, int codePoint) {
    for (int i = 0; i < stateRanges.length; i += 2) {
      if (codePoint >= stateRanges[i] && codePoint <= stateRanges[i + 1]) {
        return true;
      }
    }
    return false;
  }

  /** Adds {@code state} and its epsilon closure to {@code list}; returns the new list size. */
  private int addClosure(int state, int[] list, int size, int[] mark, int generation, int[] stack) {
    int top = 0;
    stack[top++] = state;
    while (top > 0) {
      int s = stack[--top];
      if (s < 0 || mark[s] == generation) {
        continue;
      }
      mark[s] = generation;
      if (kinds[s] == SPLIT) {
        // Pushed in reverse so that next1 is explored first; the order does not change the result.
        stack[top++] = next2[s];
        stack[top++] = next1[s];
      } else {
        list[size++] = s;
      }
    }
    return size;
  }

  /** The pattern as compiled. */
  public String pattern() {
    return pattern;
  }

  /** The pattern, as written (explanations render a regex by its source). */
  @Override
  public String toString() {
    return pattern;
  }

  // ---------------------------------------------------------------------------------------------
  // syntax tree

  private sealed interface Node permits CharSet, Concat, Union, Repeat, Empty, Nothing {}

  /** One code point out of a set of ranges (sorted pairs low, high). */
  private record CharSet(int[] ranges) implements Node {}

  private record Concat(List<Node> parts) implements Node {}

  private record Union(List<Node> alternatives) implements Node {}

  /** {@code min} to {@code max} repetitions; max -1 is unbounded. */
  private record Repeat(Node body, int min, int max) implements Node {}

  /** The empty string. */
  private record Empty() implements Node {}

  /** The empty language ({@code #}). */
  private record Nothing() implements Node {}

  // ---------------------------------------------------------------------------------------------
  // Thompson construction

  /** Collects states in growable parallel arrays; fails when over the state budget. */
  private static final class Builder {
    private final String pattern;
    private final RegexOptions options;
    int count;
    int[] kinds = new int[16];
    int[][] ranges = new int[16][];
    int[] next1 = new int[16];
    int[] next2 = new int[16];

    Builder(String pattern, RegexOptions options) {
      this.pattern = pattern;
      this.options = options;
    }

    int add(int kind, int[] charRanges, int first, int second) {
      if (count >= options.maxStates()) {
        throw new PatternTooComplexException(
            "regex ["
                + pattern
                + "] is too complex: it needs more than ["
                + options.maxStates()
                + "] automaton states (setting "
                + options.maxStatesSetting()
                + ")");
      }
      if (count == kinds.length) {
        int size = count * 2;
        kinds = Arrays.copyOf(kinds, size);
        ranges = Arrays.copyOf(ranges, size);
        next1 = Arrays.copyOf(next1, size);
        next2 = Arrays.copyOf(next2, size);
      }
      kinds[count] = kind;
      ranges[count] = charRanges;
      next1[count] = first;
      next2[count] = second;
      return count++;
    }

    /** Compiles {@code node} to continue at {@code next}; returns its entry state. */
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
        List<Node> alternatives = union.alternatives();
        int state = build(alternatives.get(alternatives.size() - 1), next);
        for (int i = alternatives.size() - 2; i >= 0; i--) {
          state = add(SPLIT, null, build(alternatives.get(i), next), state);
        }
        return state;
      }
      if (node instanceof Repeat repeat) {
        int state = next;
        if (repeat.max() < 0) {
          // x* : split -> body -> back to split
          int loop = add(SPLIT, null, -1, next);
          // Build first, then store: building may grow (replace) the next1 array.
          int body = build(repeat.body(), loop);
          next1[loop] = body;
          state = loop;
        } else {
          // x{0,k} as k nested optionals, each either entering the body or skipping the rest.
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
        return add(RANGES, new int[0], next, -1); // an empty range set: never taken
      }
      return next; // Empty
    }
  }

  // ---------------------------------------------------------------------------------------------
  // parser

  /** Recursive-descent parser for Lucene's RegExp grammar; recursion depth is the nesting depth. */
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

    private RegexSyntaxException error(String reason) {
      return new RegexSyntaxException(pattern, pos, reason);
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
          int open = pos;
          pos++;
          int min = number();
          int max = min;
          if (more() && peek() == ',') {
            pos++;
            max = more() && Character.isDigit(peek()) ? number() : -1;
          }
          if (!more() || peek() != '}') {
            pos = open; // report the unclosed brace, not whatever follows it
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
      int begin = pos;
      while (more() && Character.isDigit(peek())) {
        pos++;
      }
      if (begin == pos) {
        throw error("expected a number");
      }
      try {
        return Integer.parseInt(pattern.substring(begin, pos));
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
          return new CharSet(new int[] {0, MAX_CODE_POINT});
        case '@':
          return new Repeat(new CharSet(new int[] {0, MAX_CODE_POINT}), 0, -1);
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
              int literal = take();
              chars.add(new CharSet(new int[] {literal, literal}));
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
          return escaped();
        default:
          return new CharSet(new int[] {c, c});
      }
    }

    private Node escaped() {
      if (!more()) {
        throw error("expected a character after [\\]");
      }
      int c = take();
      int[] predefined = predefined(c);
      return new CharSet(predefined != null ? predefined : new int[] {c, c});
    }

    /** {@code \d \s \w} and their negations, as Lucene 9 defines them (ASCII classes). */
    private static int[] predefined(int c) {
      int[] digits = {'0', '9'};
      int[] spaces = {'\t', '\r', ' ', ' '};
      int[] word = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
      switch (c) {
        case 'd':
          return digits;
        case 'D':
          return complement(digits);
        case 's':
          return spaces;
        case 'S':
          return complement(spaces);
        case 'w':
          return word;
        case 'W':
          return complement(word);
        default:
          return null;
      }
    }

    private Node charClass() {
      boolean negated = false;
      if (more() && peek() == '^') {
        pos++;
        negated = true;
      }
      List<int[]> pairs = new ArrayList<>();
      boolean first = true;
      // A ']' first in the class is literal: Lucene parses one class item before looking for ']'.
      while (more() && (peek() != ']' || first)) {
        first = false;
        int low;
        if (peek() == '\\') {
          pos++;
          if (!more()) {
            throw error("expected a character after [\\]");
          }
          int e = take();
          int[] predefined = predefined(e);
          if (predefined != null) {
            for (int i = 0; i < predefined.length; i += 2) {
              pairs.add(new int[] {predefined[i], predefined[i + 1]});
            }
            continue;
          }
          low = e;
        } else {
          low = take();
        }
        int high = low;
        if (more()
            && peek() == '-'
            && pos + 1 < pattern.length()
            && pattern.charAt(pos + 1) != ']') {
          pos++;
          high = peek() == '\\' ? skipAndTake() : take();
          if (high < low) {
            throw error("invalid class range");
          }
        }
        pairs.add(new int[] {low, high});
      }
      if (!more()) {
        throw error("expected []]");
      }
      pos++;
      int[] flat = merge(pairs);
      return new CharSet(negated ? complement(flat) : flat);
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
      if (to - from > MAX_INTERVAL_WIDTH) {
        throw error("numeric interval too large");
      }
      pos = close + 1;
      List<Node> alternatives = new ArrayList<>();
      for (long n = from; n <= to; n++) {
        List<Node> chars = new ArrayList<>();
        chars.add(new Repeat(new CharSet(new int[] {'0', '0'}), 0, -1));
        for (char ch : Long.toString(n).toCharArray()) {
          chars.add(new CharSet(new int[] {ch, ch}));
        }
        alternatives.add(new Concat(chars));
      }
      return new Union(alternatives);
    }
  }

  /** Sorts and merges overlapping or adjacent pairs into a flat sorted {@code low, high} array. */
  private static int[] merge(List<int[]> pairs) {
    List<int[]> sorted = new ArrayList<>(pairs);
    sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] pair : sorted) {
      int size = merged.size();
      if (size > 0 && pair[0] <= merged.get(size - 1)[1] + 1) {
        merged.get(size - 1)[1] = Math.max(merged.get(size - 1)[1], pair[1]);
      } else {
        merged.add(new int[] {pair[0], pair[1]});
      }
    }
    int[] flat = new int[merged.size() * 2];
    for (int i = 0; i < merged.size(); i++) {
      flat[2 * i] = merged.get(i)[0];
      flat[2 * i + 1] = merged.get(i)[1];
    }
    return flat;
  }

  /** The code points not in {@code sorted} (sorted, non-overlapping pairs low, high). */
  private static int[] complement(int[] sorted) {
    List<Integer> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < sorted.length; i += 2) {
      if (sorted[i] > from) {
        out.add(from);
        out.add(sorted[i] - 1);
      }
      from = Math.max(from, sorted[i + 1] + 1);
    }
    if (from <= MAX_CODE_POINT) {
      out.add(from);
      out.add(MAX_CODE_POINT);
    }
    int[] result = new int[out.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = out.get(i);
    }
    return result;
  }
}

package dev.vigil.engine.hunt;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.Requirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends each event to the few rules it can possibly match, instead of testing every rule (issue 7):
 * each alternative of a rule's {@link Requirement} is filed under one of its clauses (an anchor: a
 * source path and its keys), and an event reaches the alternatives filed under the keys of its
 * values at each anchor path, plus the rules that have no requirement; then each reached
 * alternative's other clauses are checked against the event's keys, which are worked out once per
 * event and path, however many rules ask. A rule is a candidate when one of its alternatives holds
 * (a sequence's stages are alternatives). The rules' own predicates decide exactly afterwards, so
 * routing only saves work; it never changes a result.
 *
 * <p>The anchor is the clause whose keys are least common among the rules' requirements: {@code
 * process.name in (…)} rather than {@code event.category == "process"}, which nearly every rule
 * requires. A clause's fragments ({@link Requirement#isFragment}) are keys too: an event has a
 * fragment's key at a path when one of its values there contains it, which one {@link
 * FragmentScanner} pass per value tells for all the path's fragments. Thread-safe: each thread
 * routes with its own {@link Scratch}; the one mutable part, a cache of what recent values gave, is
 * shared (see {@link #valueKeys}).
 */
final class Router {
  /** Every path some clause tests, numbered. */
  private final String[] paths;

  /**
   * By path number: the number of each key some clause has at that path. Keys are numbered per
   * path, so an event's keys are looked up once per path and clauses compare numbers.
   */
  private final List<Map<String, Integer>> keyNumbers;

  /**
   * By path number: the scanner for the fragments among its keys (null when it has none), and, for
   * paths whose fragments are too many to scan, their key numbers, taken as present whenever the
   * event has a value there.
   */
  private final FragmentScanner[] scanners;

  private final int[][] unscanned;

  /** The most keys any path has. */
  private final int maxKeys;

  /** How many rules there are. */
  private final int rules;

  /** Rules without a requirement. */
  private final int[] always;

  /**
   * How many values per path {@link #valueKeys} remembers. The events of a host repeat a few
   * hundred names, executables and arguments (and the reader shares their strings across events),
   * yet lowering, looking up and scanning each value again for every event took a quarter of the
   * selection threads' samples over the Linux rules (JFR, 300k events); with the cache, their CPU
   * time fell by about a tenth.
   */
  static final int CACHED_VALUES = 512;

  /**
   * By path number: what recent string values gave there, in a table indexed by the value's hash
   * (null until the path first has a value). Shared by the threads without locking: entries are
   * immutable, and a slot overwritten by another thread, or not yet seen written, only costs
   * working the value out again.
   */
  private final ValueKeys[][] valueCache;

  /**
   * What a value gives at a path: the number of its own key (-1 when no clause has it) and the
   * numbers of the fragment keys it contains, each once.
   */
  private record ValueKeys(Object value, int own, int[] fragments) {}

  private static final int[] NO_FRAGMENTS = new int[0];

  /** By path number and key number: the entries anchored on it (null when none are). */
  private final int[][][] anchored;

  /**
   * By entry (one per alternative of each rule's requirement): its rule, the path numbers of its
   * other clauses, and each clause's keys: the numbers below 64 as bits of a mask, the others
   * sorted.
   */
  private final int[] entryRule;

  private final int[][] clausePaths;

  private final long[][] clauseMasks;

  private final int[][][] clauseKeys;

  /** One thread's routing buffers. */
  static final class Scratch {
    int[] candidates = new int[0];
    private int[] seen = new int[0];
    private int stamp;
    // by path: the event's key numbers (reused from event to event) and how many there are
    private int[][] keys = new int[0][];
    private int[] keyCounts = new int[0];
    private long[] masks = new long[0];
    private int[] keysStamp = new int[0];
    // by key number: the event's path that last had it (a stamp per path and event), and the
    // value scan that last found it (see FragmentScanner.scan); the fragments a scan finds
    private int[] fragmentSeen = new int[0];
    private int scans;
    private int[] valueSeen = new int[0];
    private int valueScans;
    private int[] found = new int[0];

    /**
     * Grows the buffers for a router over {@code rules} rules and {@code paths} paths. The stamp
     * keeps counting: marks left in the old arrays must never match a later event's stamp (one
     * scratch serves the routers of several indices).
     */
    private void fit(int rules, int paths, int mostKeys) {
      if (fragmentSeen.length < mostKeys) {
        fragmentSeen = new int[mostKeys];
        valueSeen = new int[mostKeys];
        found = new int[mostKeys];
      }
      if (candidates.length < rules) {
        candidates = new int[rules];
        seen = new int[rules];
      }
      if (keys.length < paths) {
        keys = new int[paths][];
        keyCounts = new int[paths];
        masks = new long[paths];
        keysStamp = new int[paths];
      }
    }
  }

  /** A router over rules numbered by their position in {@code requirements}. */
  Router(List<Requirement> requirements) {
    Map<String, Integer> pathNumbers = new HashMap<>();
    Map<String, Map<String, Integer>> popularity = new HashMap<>();
    for (Requirement requirement : requirements) {
      for (Map<String, Set<String>> alternative : requirement.alternatives()) {
        alternative.forEach(
            (path, keys) -> {
              pathNumbers.computeIfAbsent(path, p -> pathNumbers.size());
              Map<String, Integer> counts = popularity.computeIfAbsent(path, p -> new HashMap<>());
              for (String key : keys) {
                counts.merge(key, 1, Integer::sum);
              }
            });
      }
    }
    this.paths = new String[pathNumbers.size()];
    pathNumbers.forEach((path, number) -> paths[number] = path);
    this.keyNumbers = new ArrayList<>();
    this.scanners = new FragmentScanner[paths.length];
    this.unscanned = new int[paths.length][];
    int most = 0;
    for (int path = 0; path < paths.length; path++) {
      Map<String, Integer> numbers = new HashMap<>();
      popularity.get(paths[path]).keySet().stream()
          .sorted()
          .forEach(key -> numbers.put(key, numbers.size()));
      keyNumbers.add(numbers);
      most = Math.max(most, numbers.size());
      List<String> fragments = new ArrayList<>();
      List<Integer> fragmentNumbers = new ArrayList<>();
      numbers.forEach(
          (key, number) -> {
            if (Requirement.isFragment(key)) {
              fragments.add(Requirement.fragmentText(key));
              fragmentNumbers.add(number);
            }
          });
      if (!fragments.isEmpty()) {
        scanners[path] = FragmentScanner.of(fragments, fragmentNumbers);
        if (scanners[path] == null) {
          unscanned[path] = ints(fragmentNumbers);
        }
      }
    }
    this.maxKeys = most;
    List<Integer> unanchored = new ArrayList<>();
    List<List<List<Integer>>> anchoredLists = new ArrayList<>();
    for (int i = 0; i < paths.length; i++) {
      anchoredLists.add(null);
    }
    List<Integer> entries = new ArrayList<>();
    List<int[]> entryPaths = new ArrayList<>();
    List<long[]> entryMasks = new ArrayList<>();
    List<int[][]> entryKeys = new ArrayList<>();
    for (int rule = 0; rule < requirements.size(); rule++) {
      Requirement requirement = requirements.get(rule);
      if (requirement.isNone()) {
        unanchored.add(rule);
        continue;
      }
      for (Map<String, Set<String>> clauses : requirement.alternatives()) {
        int entry = entries.size();
        entries.add(rule);
        String anchor = anchor(clauses, popularity);
        int number = pathNumbers.get(anchor);
        if (anchoredLists.get(number) == null) {
          List<List<Integer>> byKey = new ArrayList<>();
          for (int key = 0; key < keyNumbers.get(number).size(); key++) {
            byKey.add(null);
          }
          anchoredLists.set(number, byKey);
        }
        List<List<Integer>> byKey = anchoredLists.get(number);
        for (String key : clauses.get(anchor)) {
          int keyNumber = keyNumbers.get(number).get(key);
          if (byKey.get(keyNumber) == null) {
            byKey.set(keyNumber, new ArrayList<>());
          }
          byKey.get(keyNumber).add(entry);
        }
        // The other clauses are checked after routing; the anchor holds by construction.
        List<Integer> others = new ArrayList<>();
        List<Long> masks = new ArrayList<>();
        List<int[]> large = new ArrayList<>();
        for (Map.Entry<String, Set<String>> clause : clauses.entrySet()) {
          if (clause.getKey().equals(anchor)) {
            continue;
          }
          int path = pathNumbers.get(clause.getKey());
          others.add(path);
          long mask = 0;
          List<Integer> rest = new ArrayList<>();
          for (String key : clause.getValue()) {
            int keyNumber = keyNumbers.get(path).get(key);
            if (keyNumber < Long.SIZE) {
              mask |= 1L << keyNumber;
            } else {
              rest.add(keyNumber);
            }
          }
          masks.add(mask);
          int[] sorted = ints(rest);
          Arrays.sort(sorted);
          large.add(sorted);
        }
        entryPaths.add(ints(others));
        entryMasks.add(masks.stream().mapToLong(Long::longValue).toArray());
        entryKeys.add(large.toArray(new int[0][]));
      }
    }
    this.rules = requirements.size();
    this.always = ints(unanchored);
    this.entryRule = ints(entries);
    this.clausePaths = entryPaths.toArray(new int[0][]);
    this.clauseMasks = entryMasks.toArray(new long[0][]);
    this.clauseKeys = entryKeys.toArray(new int[0][][]);
    this.valueCache = new ValueKeys[paths.length][];
    this.anchored = new int[paths.length][][];
    for (int path = 0; path < paths.length; path++) {
      List<List<Integer>> byKey = anchoredLists.get(path);
      if (byKey != null) {
        anchored[path] = new int[byKey.size()][];
        for (int key = 0; key < byKey.size(); key++) {
          anchored[path][key] = byKey.get(key) == null ? null : ints(byKey.get(key));
        }
      }
    }
  }

  /**
   * Writes the rules {@code event} may match to the start of {@code scratch.candidates} and returns
   * how many there are.
   */
  int route(Event event, Scratch scratch) {
    scratch.fit(rules, paths.length, maxKeys);
    int stamp = ++scratch.stamp;
    if (stamp == Integer.MAX_VALUE) {
      // wrapped: forget every mark, so none can match a stamp from now on
      Arrays.fill(scratch.seen, 0);
      Arrays.fill(scratch.keysStamp, 0);
      stamp = scratch.stamp = 1;
    }
    int[] candidates = scratch.candidates;
    int count = 0;
    for (int rule : always) {
      candidates[count++] = rule;
    }
    int[] seen = scratch.seen;
    for (int path = 0; path < paths.length; path++) {
      int[][] byKey = anchored[path];
      if (byKey == null) {
        continue;
      }
      int[] keys = keys(event, path, scratch, stamp);
      for (int k = 0; k < scratch.keyCounts[path]; k++) {
        int[] entries = byKey[keys[k]];
        if (entries == null) {
          continue;
        }
        for (int entry : entries) {
          int rule = entryRule[entry];
          if (seen[rule] != stamp && meetsClauses(entry, event, scratch, stamp)) {
            seen[rule] = stamp;
            candidates[count++] = rule;
          }
        }
      }
    }
    return count;
  }

  private boolean meetsClauses(int entry, Event event, Scratch scratch, int stamp) {
    int[] numbers = clausePaths[entry];
    for (int c = 0; c < numbers.length; c++) {
      int path = numbers[c];
      int[] keys = keys(event, path, scratch, stamp);
      if ((scratch.masks[path] & clauseMasks[entry][c]) != 0) {
        continue;
      }
      int[] large = clauseKeys[entry][c];
      boolean met = false;
      int count = scratch.keyCounts[path];
      for (int i = 0; i < count && !met && large.length > 0; i++) {
        met = keys[i] >= Long.SIZE && Arrays.binarySearch(large, keys[i]) >= 0;
      }
      if (!met) {
        return false;
      }
    }
    return true;
  }

  /**
   * The numbers of the event's keys at path number {@code path} that some clause has, worked out
   * once per event: the first {@code scratch.keyCounts[path]} of the array returned, with their
   * mask in {@code scratch.masks}.
   */
  private int[] keys(Event event, int path, Scratch scratch, int stamp) {
    int[] keys = scratch.keys[path];
    if (scratch.keysStamp[path] == stamp) {
      return keys;
    }
    List<Object> values = event.values(paths[path]);
    int n = 0;
    long mask = 0;
    if (!values.isEmpty()) {
      Map<String, Integer> numbers = keyNumbers.get(path);
      // each value's own key, and each fragment once
      boolean fragments = scanners[path] != null || unscanned[path] != null;
      int most = values.size() + (fragments ? numbers.size() : 0);
      if (keys == null || keys.length < most) {
        keys = new int[Math.max(4, most)];
        scratch.keys[path] = keys;
      }
      int scan = 0;
      if (scanners[path] != null) {
        scan = ++scratch.scans;
        if (scan == Integer.MAX_VALUE) {
          // wrapped: forget every mark, as route does with its stamp
          Arrays.fill(scratch.fragmentSeen, 0);
          scan = scratch.scans = 1;
        }
      }
      boolean any = false;
      for (int i = 0; i < values.size(); i++) {
        ValueKeys given = valueKeys(path, values.get(i), scratch);
        if (given == null) {
          continue;
        }
        any = true;
        if (given.own >= 0) {
          keys[n++] = given.own;
        }
        // a fragment several values contain is one key of the event's
        for (int number : given.fragments) {
          if (scratch.fragmentSeen[number] != scan) {
            scratch.fragmentSeen[number] = scan;
            keys[n++] = number;
          }
        }
      }
      if (any && unscanned[path] != null) {
        for (int number : unscanned[path]) {
          keys[n++] = number;
        }
      }
      for (int i = 0; i < n; i++) {
        mask |= keys[i] < Long.SIZE ? 1L << keys[i] : 0;
      }
    }
    scratch.keyCounts[path] = n;
    scratch.masks[path] = mask;
    scratch.keysStamp[path] = stamp;
    return keys;
  }

  /**
   * What {@code value} gives at path number {@code path}, or null when it has no key (an object).
   * Strings are looked up in {@link #valueCache} first: by identity, or else by equality.
   */
  private ValueKeys valueKeys(int path, Object value, Scratch scratch) {
    if (!(value instanceof String text)) {
      return workOut(path, value, scratch);
    }
    ValueKeys[] table = valueCache[path];
    if (table == null) {
      table = new ValueKeys[CACHED_VALUES];
      valueCache[path] = table;
    }
    int slot = text.hashCode() & (CACHED_VALUES - 1);
    ValueKeys cached = table[slot];
    if (cached != null && (cached.value == text || cached.value.equals(text))) {
      return cached;
    }
    ValueKeys given = workOut(path, text, scratch);
    table[slot] = given;
    return given;
  }

  private ValueKeys workOut(int path, Object value, Scratch scratch) {
    String key = Requirement.key(value);
    if (key == null) {
      return null;
    }
    Integer number = keyNumbers.get(path).get(key);
    int[] fragments = NO_FRAGMENTS;
    FragmentScanner scanner = scanners[path];
    if (scanner != null) {
      int scan = ++scratch.valueScans;
      if (scan == Integer.MAX_VALUE) {
        Arrays.fill(scratch.valueSeen, 0);
        scan = scratch.valueScans = 1;
      }
      int count = scanner.scan(key, scratch.found, 0, scratch.valueSeen, scan);
      fragments = count == 0 ? NO_FRAGMENTS : Arrays.copyOf(scratch.found, count);
    }
    return new ValueKeys(value, number == null ? -1 : number, fragments);
  }

  /** The alternative's rarest clause: the least total popularity of its keys. */
  private static String anchor(
      Map<String, Set<String>> clauses, Map<String, Map<String, Integer>> popularity) {
    String best = null;
    long bestScore = Long.MAX_VALUE;
    for (Map.Entry<String, Set<String>> clause : clauses.entrySet()) {
      long score = 0;
      for (String key : clause.getValue()) {
        score += popularity.get(clause.getKey()).get(key);
      }
      if (score < bestScore || (score == bestScore && clause.getKey().compareTo(best) < 0)) {
        best = clause.getKey();
        bestScore = score;
      }
    }
    return best;
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }
}

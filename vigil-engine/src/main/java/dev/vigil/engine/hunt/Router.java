package dev.vigil.engine.hunt;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.Requirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends each event to the few rules it can possibly match, instead of testing every rule (issue 7):
 * each rule is filed under one clause of its predicate's {@link Requirement} (an anchor: a source
 * path and its keys), and an event reaches the rules filed under the keys of its values at each
 * anchor path, plus the rules that have no requirement; then each reached rule's other clauses are
 * checked against the event's keys, which are worked out once per event and path, however many
 * rules ask. The rules' own predicates decide exactly afterwards, so routing only saves work; it
 * never changes a result.
 *
 * <p>The anchor is the clause whose keys are least common among the rules' requirements: {@code
 * process.name in (…)} rather than {@code event.category == "process"}, which nearly every rule
 * requires. Immutable and thread-safe: each thread routes with its own {@link Scratch}.
 */
final class Router {
  private static final String[] NO_KEYS = new String[0];

  /** Every path some clause tests, numbered. */
  private final String[] paths;

  /** Rules without a requirement. */
  private final int[] always;

  /** By path number: the rules anchored on it, by key (null when none are). */
  private final List<Map<String, int[]>> anchoredByKey;

  /** By rule: the path numbers of its clauses, and each clause's keys. */
  private final int[][] clausePaths;

  private final Set<?>[][] clauseKeys;

  /** One thread's routing buffers. */
  static final class Scratch {
    int[] candidates = new int[0];
    private int[] seen = new int[0];
    private int stamp;
    private String[][] keys = new String[0][];
    private int[] keysStamp = new int[0];

    /**
     * Grows the buffers for a router over {@code rules} rules and {@code paths} paths. The stamp
     * keeps counting: marks left in the old arrays must never match a later event's stamp (one
     * scratch serves the routers of several indices).
     */
    private void fit(int rules, int paths) {
      if (candidates.length < rules) {
        candidates = new int[rules];
        seen = new int[rules];
      }
      if (keys.length < paths) {
        keys = new String[paths][];
        keysStamp = new int[paths];
      }
    }
  }

  /** A router over rules numbered by their position in {@code requirements}. */
  Router(List<Requirement> requirements) {
    Map<String, Integer> pathNumbers = new HashMap<>();
    Map<String, Map<String, Integer>> popularity = new HashMap<>();
    for (Requirement requirement : requirements) {
      requirement
          .clauses()
          .forEach(
              (path, keys) -> {
                pathNumbers.computeIfAbsent(path, p -> pathNumbers.size());
                Map<String, Integer> counts =
                    popularity.computeIfAbsent(path, p -> new HashMap<>());
                for (String key : keys) {
                  counts.merge(key, 1, Integer::sum);
                }
              });
    }
    this.paths = new String[pathNumbers.size()];
    pathNumbers.forEach((path, number) -> paths[number] = path);
    List<Integer> unanchored = new ArrayList<>();
    List<Map<String, List<Integer>>> anchored = new ArrayList<>();
    for (int i = 0; i < paths.length; i++) {
      anchored.add(null);
    }
    this.clausePaths = new int[requirements.size()][];
    this.clauseKeys = new Set<?>[requirements.size()][];
    for (int rule = 0; rule < requirements.size(); rule++) {
      Map<String, Set<String>> clauses = requirements.get(rule).clauses();
      String anchor = anchor(clauses, popularity);
      if (anchor == null) {
        unanchored.add(rule);
      } else {
        int number = pathNumbers.get(anchor);
        if (anchored.get(number) == null) {
          anchored.set(number, new HashMap<>());
        }
        for (String key : clauses.get(anchor)) {
          anchored.get(number).computeIfAbsent(key, k -> new ArrayList<>()).add(rule);
        }
      }
      // The other clauses are checked after routing; the anchor holds by construction.
      List<Integer> others = new ArrayList<>();
      List<Set<String>> otherKeys = new ArrayList<>();
      for (Map.Entry<String, Set<String>> clause : clauses.entrySet()) {
        if (!clause.getKey().equals(anchor)) {
          others.add(pathNumbers.get(clause.getKey()));
          otherKeys.add(new HashSet<>(clause.getValue()));
        }
      }
      clausePaths[rule] = ints(others);
      clauseKeys[rule] = otherKeys.toArray(new Set<?>[0]);
    }
    this.always = ints(unanchored);
    this.anchoredByKey = new ArrayList<>();
    for (Map<String, List<Integer>> byKey : anchored) {
      if (byKey == null) {
        anchoredByKey.add(null);
        continue;
      }
      Map<String, int[]> rules = new HashMap<>();
      byKey.forEach((key, list) -> rules.put(key, ints(list)));
      anchoredByKey.add(rules);
    }
  }

  /**
   * Writes the rules {@code event} may match to the start of {@code scratch.candidates} and returns
   * how many there are.
   */
  int route(Event event, Scratch scratch) {
    scratch.fit(clausePaths.length, paths.length);
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
      Map<String, int[]> byKey = anchoredByKey.get(path);
      if (byKey == null) {
        continue;
      }
      for (String key : keys(event, path, scratch, stamp)) {
        int[] rules = byKey.get(key);
        if (rules == null) {
          continue;
        }
        for (int rule : rules) {
          if (seen[rule] != stamp && meetsClauses(rule, event, scratch, stamp)) {
            seen[rule] = stamp;
            candidates[count++] = rule;
          }
        }
      }
    }
    return count;
  }

  private boolean meetsClauses(int rule, Event event, Scratch scratch, int stamp) {
    int[] numbers = clausePaths[rule];
    Set<?>[] keySets = clauseKeys[rule];
    for (int c = 0; c < numbers.length; c++) {
      boolean met = false;
      for (String key : keys(event, numbers[c], scratch, stamp)) {
        if (keySets[c].contains(key)) {
          met = true;
          break;
        }
      }
      if (!met) {
        return false;
      }
    }
    return true;
  }

  /** The keys of the event's values at path number {@code path}, worked out once per event. */
  private String[] keys(Event event, int path, Scratch scratch, int stamp) {
    if (scratch.keysStamp[path] == stamp) {
      return scratch.keys[path];
    }
    List<Object> values = event.values(paths[path]);
    String[] keys = NO_KEYS;
    if (!values.isEmpty()) {
      keys = new String[values.size()];
      int n = 0;
      for (int i = 0; i < values.size(); i++) {
        String key = Requirement.key(values.get(i));
        if (key != null) {
          keys[n++] = key;
        }
      }
      keys = n == keys.length ? keys : Arrays.copyOf(keys, n);
    }
    scratch.keys[path] = keys;
    scratch.keysStamp[path] = stamp;
    return keys;
  }

  /** The rule's rarest clause: the least total popularity of its keys; null when it has none. */
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

package dev.vigil.engine.hunt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which of a set of fragments occur in a text, in one pass over it: an Aho-Corasick automaton
 * (A. Aho, M. Corasick, "Efficient string matching", CACM 18(6), 1975) with its transitions on
 * ASCII characters worked out into a table, so a character costs one array read; other characters
 * follow failure links. Routing uses it for the fragments its clauses hold ({@link
 * dev.vigil.core.match.Requirement#isFragment}), so an event's value is scanned once however many
 * rules ask about fragments of it. Immutable and thread-safe once built.
 */
final class FragmentScanner {
  /** The most trie nodes a scanner builds (each takes 128 table entries). */
  static final int MAX_NODES = 20_000;

  private static final int ASCII = 128;

  /** By node: the next node on each ASCII character (the failure links already followed). */
  private final int[] table;

  /** By node: the children on non-ASCII characters, and the failure link. */
  private final List<Map<Character, Integer>> wide;

  private final int[] fail;

  /** By node: the numbers of the fragments that end here or at a node its failure links reach. */
  private final int[][] found;

  private FragmentScanner(
      int[] table, List<Map<Character, Integer>> wide, int[] fail, int[][] found) {
    this.table = table;
    this.wide = wide;
    this.fail = fail;
    this.found = found;
  }

  /**
   * A scanner for {@code fragments}, numbered by {@code numbers}; null when they would take more
   * than {@link #MAX_NODES} nodes.
   */
  static FragmentScanner of(List<String> fragments, List<Integer> numbers) {
    List<Map<Character, Integer>> children = new ArrayList<>();
    List<List<Integer>> ends = new ArrayList<>();
    children.add(new HashMap<>());
    ends.add(new ArrayList<>());
    for (int f = 0; f < fragments.size(); f++) {
      int node = 0;
      for (char c : fragments.get(f).toCharArray()) {
        Integer child = children.get(node).get(c);
        if (child == null) {
          if (children.size() == MAX_NODES) {
            return null;
          }
          child = children.size();
          children.add(new HashMap<>());
          ends.add(new ArrayList<>());
          children.get(node).put(c, child);
        }
        node = child;
      }
      ends.get(node).add(numbers.get(f));
    }
    int nodes = children.size();
    int[] fail = new int[nodes];
    int[] table = new int[nodes * ASCII];
    int[][] found = new int[nodes][];
    // breadth first, so a node's failure link is complete before its children's
    Deque<Integer> queue = new ArrayDeque<>();
    queue.add(0);
    while (!queue.isEmpty()) {
      int node = queue.poll();
      List<Integer> here = new ArrayList<>(ends.get(node));
      if (node != 0) {
        for (int number : found[fail[node]]) {
          here.add(number);
        }
      }
      found[node] = here.stream().mapToInt(Integer::intValue).toArray();
      for (int c = 0; c < ASCII; c++) {
        Integer child = children.get(node).get((char) c);
        if (child != null) {
          table[node * ASCII + c] = child;
        } else {
          table[node * ASCII + c] = node == 0 ? 0 : table[fail[node] * ASCII + c];
        }
      }
      for (Map.Entry<Character, Integer> child : children.get(node).entrySet()) {
        int target = child.getValue();
        fail[target] = node == 0 ? 0 : next(table, children, fail, fail[node], child.getKey());
        queue.add(target);
      }
    }
    return new FragmentScanner(table, children, fail, found);
  }

  /**
   * Appends to {@code out} (from {@code count}) the numbers of the fragments {@code text} contains
   * that {@code seen} does not hold yet, adding them to it; returns the new count. {@code seen[n]}
   * equal to {@code stamp} means fragment number {@code n} is already out.
   */
  int scan(String text, int[] out, int count, int[] seen, int stamp) {
    int node = 0;
    for (int i = 0; i < text.length(); i++) {
      node = next(table, wide, fail, node, text.charAt(i));
      for (int number : found[node]) {
        if (seen[number] != stamp) {
          seen[number] = stamp;
          out[count++] = number;
        }
      }
    }
    return count;
  }

  private static int next(
      int[] table, List<Map<Character, Integer>> children, int[] fail, int node, char c) {
    if (c < ASCII) {
      return table[node * ASCII + c];
    }
    while (true) {
      Integer child = children.get(node).get(c);
      if (child != null) {
        return child;
      }
      if (node == 0) {
        return 0;
      }
      node = fail[node];
    }
  }
}

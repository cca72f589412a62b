package dev.vigil.kql.analysis;

import java.util.List;

/**
 * Phrase matching over the token positions of one field value, as Lucene's {@code PhraseQuery}
 * decides it. Elasticsearch indexes the elements of an array with a position gap of 100 between
 * them, so a phrase (even a sloppy one with slop below 100) never spans two elements; callers
 * therefore test each element's tokens on their own.
 */
public final class Phrases {
  private Phrases() {}

  /** True when {@code phrase} occurs in {@code tokens} as consecutive tokens, in order. */
  public static boolean containsExact(List<String> tokens, List<String> phrase) {
    int size = phrase.size();
    if (size == 0) {
      return false;
    }
    int last = tokens.size() - size;
    outer:
    for (int start = 0; start <= last; start++) {
      for (int j = 0; j < size; j++) {
        if (!tokens.get(start + j).equals(phrase.get(j))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Sloppy phrase: some choice of distinct positions {@code p_j} holding {@code phrase[j]} whose
   * offsets {@code p_j - j} span at most {@code slop} (Lucene's {@code SloppyPhraseMatcher} match
   * length; with slop 0 this is the exact phrase). Exhaustive over occurrences, so meant for the
   * short values of log fields.
   */
  public static boolean containsSloppy(List<String> tokens, List<String> phrase, int slop) {
    if (slop <= 0) {
      return containsExact(tokens, phrase);
    }
    if (phrase.isEmpty()) {
      return false;
    }
    int[] chosen = new int[phrase.size()];
    return choose(tokens, phrase, slop, 0, chosen);
  }

  private static boolean choose(
      List<String> tokens, List<String> phrase, int slop, int index, int[] chosen) {
    if (index == phrase.size()) {
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (int j = 0; j < chosen.length; j++) {
        int offset = chosen[j] - j;
        min = Math.min(min, offset);
        max = Math.max(max, offset);
      }
      return max - min <= slop;
    }
    String term = phrase.get(index);
    for (int position = 0; position < tokens.size(); position++) {
      if (!tokens.get(position).equals(term) || used(chosen, index, position)) {
        continue;
      }
      chosen[index] = position;
      if (choose(tokens, phrase, slop, index + 1, chosen)) {
        return true;
      }
    }
    return false;
  }

  private static boolean used(int[] chosen, int count, int position) {
    for (int j = 0; j < count; j++) {
      if (chosen[j] == position) {
        return true;
      }
    }
    return false;
  }
}

package dev.vigil.kql.compile;

/**
 * Optimal-string-alignment edit distance over code points (insert, delete, substitute, swap two
 * adjacent characters), the distance Lucene's {@code FuzzyQuery} uses with transpositions on.
 */
final class EditDistance {
  private EditDistance() {}

  static boolean withinOsa(String left, String right, int maxEdits) {
    int[] a = left.codePoints().toArray();
    int[] b = right.codePoints().toArray();
    if (Math.abs(a.length - b.length) > maxEdits) {
      return false;
    }
    int[][] d = new int[a.length + 1][b.length + 1];
    for (int i = 0; i <= a.length; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length; i++) {
      for (int j = 1; j <= b.length; j++) {
        int cost = a[i - 1] == b[j - 1] ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length][b.length] <= maxEdits;
  }
}

package dev.vigil.core.match;

import java.util.Random;

/** Random short strings over a small alphabet, for the matchers' seeded differential tests. */
final class RandomStrings {
  private RandomStrings() {}

  /** Up to {@code maxLength} characters drawn from {@code alphabet}. */
  static String random(Random random, int maxLength, String alphabet) {
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}

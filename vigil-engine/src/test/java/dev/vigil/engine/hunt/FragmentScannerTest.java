package dev.vigil.engine.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scanner finds exactly the fragments a text contains, each once, as String.contains would. */
class FragmentScannerTest {

  @Test
  void findsWhatContainsFinds() {
    Random random = new Random(77L);
    String alphabet = "abcab/é-ÿ";
    for (int round = 0; round < 200; round++) {
      List<String> fragments = new ArrayList<>();
      List<Integer> numbers = new ArrayList<>();
      for (int f = 1 + random.nextInt(12); f > 0; f--) {
        fragments.add(random(random, alphabet, 1 + random.nextInt(5)));
        // numbered out of order, as a router numbers a path's keys
        numbers.add(fragments.size() * 3 + 1);
      }
      FragmentScanner scanner = FragmentScanner.of(fragments, numbers);
      int[] seen = new int[fragments.size() * 3 + 2];
      for (int t = 0; t < 50; t++) {
        String text = random(random, alphabet, random.nextInt(30));
        int[] out = new int[fragments.size()];
        int count = scanner.scan(text, out, 0, seen, round * 50 + t + 1);
        Set<Integer> found = new HashSet<>();
        for (int i = 0; i < count; i++) {
          assertThat(found.add(out[i])).as("found twice").isTrue();
        }
        Set<Integer> expected = new HashSet<>();
        for (int f = 0; f < fragments.size(); f++) {
          if (text.contains(fragments.get(f))) {
            expected.add(numbers.get(f));
          }
        }
        assertThat(found).as("%s in [%s]", fragments, text).isEqualTo(expected);
      }
    }
  }

  @Test
  void refusesMoreNodesThanItsBudget() {
    List<String> fragments = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i <= FragmentScanner.MAX_NODES / 10; i++) {
      // hexadecimal of a multiplicative hash: fragments share no more than a short prefix
      fragments.add(String.format(java.util.Locale.ROOT, "%08x-%08x", i * 0x9E3779B1, i));
      numbers.add(i);
    }
    assertThat(FragmentScanner.of(fragments, numbers)).isNull();
    assertThat(FragmentScanner.of(fragments.subList(0, 10), numbers.subList(0, 10))).isNotNull();
  }

  private static String random(Random random, String alphabet, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}

package dev.vigil.kql.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized differential test on keyword fields: random KQL (equality, wildcards, value
 * lists, and/or/not) over random events (missing, null, empty and multi-valued fields) against a
 * reference model written directly from kql-semantics.md §4.1/§4.11 ("any value satisfies the
 * clause", regex for patterns). The seed is printed on failure; fix it with {@code -Dtests.seed=…}.
 */
class KqlKeywordDifferentialTest {
  private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
  private static final Schema SCHEMA = TestEvents.schema();
  private static final String[] FIELDS = {"process.name", "process.args"};
  private static final String[] WORDS = {"a", "b", "ab", "ba", "a b", "A"};

  private record Case(String kql, Predicate<List<List<String>>> reference) {}

  private static Case clause(Random random, int depth) {
    int kind = depth > 2 ? random.nextInt(3) : random.nextInt(6);
    switch (kind) {
      case 0:
      case 1:
        {
          int field = random.nextInt(FIELDS.length);
          String word = WORDS[random.nextInt(WORDS.length)];
          return new Case(
              FIELDS[field] + ":\"" + word + "\"", values -> values.get(field).contains(word));
        }
      case 2:
        {
          int field = random.nextInt(FIELDS.length);
          String pattern = WORDS[random.nextInt(WORDS.length)].replace(" ", "");
          String glob = random.nextBoolean() ? "*" + pattern : pattern + "*";
          Pattern regex = Pattern.compile(glob.replace("*", ".*"), Pattern.DOTALL);
          return new Case(
              FIELDS[field] + ":" + glob,
              values -> values.get(field).stream().anyMatch(v -> regex.matcher(v).matches()));
        }
      case 3:
        {
          Case inner = clause(random, depth + 1);
          return new Case("not (" + inner.kql() + ")", inner.reference().negate());
        }
      case 4:
        {
          Case left = clause(random, depth + 1);
          Case right = clause(random, depth + 1);
          return new Case(
              "(" + left.kql() + " and " + right.kql() + ")",
              left.reference().and(right.reference()));
        }
      default:
        {
          Case left = clause(random, depth + 1);
          Case right = clause(random, depth + 1);
          return new Case(
              "(" + left.kql() + " or " + right.kql() + ")",
              left.reference().or(right.reference()));
        }
    }
  }

  private static String jsonValue(Random random, List<String> values) {
    int shape = random.nextInt(5);
    if (shape == 0) {
      return null; // missing
    }
    if (shape == 1) {
      return random.nextBoolean() ? "null" : "[]";
    }
    int count = shape == 2 ? 1 : 1 + random.nextInt(3);
    List<String> quoted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String word = WORDS[random.nextInt(WORDS.length)];
      values.add(word);
      quoted.add("\"" + word + "\"");
    }
    return count == 1 && random.nextBoolean() ? quoted.get(0) : quoted.toString();
  }

  @Test
  void kqlAgreesWithTheReferenceModel() {
    Random random = new Random(SEED);
    for (int round = 0; round < 2_000; round++) {
      Case query = clause(random, 0);
      EventPredicate compiled = KqlCompiler.compile(query.kql(), SCHEMA);
      for (int e = 0; e < 10; e++) {
        List<List<String>> values = List.of(new ArrayList<>(), new ArrayList<>());
        List<String> parts = new ArrayList<>();
        for (int f = 0; f < FIELDS.length; f++) {
          String json = jsonValue(random, values.get(f));
          if (json != null) {
            parts.add("\"" + FIELDS[f].substring("process.".length()) + "\":" + json);
          }
        }
        String document = "{\"process\":{" + String.join(",", parts) + "}}";
        Event event = TestEvents.event(document);
        assertThat(compiled.test(event))
            .as("seed %d: %s on %s%nplan: %s", SEED, query.kql(), document, compiled)
            .isEqualTo(query.reference().test(values));
      }
    }
  }
}

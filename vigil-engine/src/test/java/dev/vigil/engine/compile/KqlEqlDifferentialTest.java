package dev.vigil.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import dev.vigil.eql.CompiledEql;
import dev.vigil.eql.EqlCompiler;
import dev.vigil.eql.EqlSettings;
import dev.vigil.kql.compile.KqlCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * KQL and EQL are two independent implementations of Elasticsearch's keyword semantics; on random
 * queries and random events they must agree. Each random KQL query is paired with the EQL
 * expression that means the same: {@code f:"x"} with {@code f == "x"}, {@code f:a*b} with {@code f
 * like "a*b"}, {@code f:*} with {@code f != null}, and the boolean operators. KQL is two-valued (a
 * missing field simply does not match, so {@code not} of it is true) while EQL is three-valued, so
 * every EQL atom is guarded with {@code f != null and …} to make it two-valued too; the events
 * exercise missing fields, null, empty arrays, arrays with nulls and multi-valued fields, and
 * upper-case values for case sensitivity. Seeded: a failure prints the seed, and {@code
 * -Dtests.seed=N} replays it.
 */
class KqlEqlDifferentialTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final List<String> FIELDS = List.of("f1", "f2", "f3");
  private static final String LETTERS = "abAB";

  private final long seed = Long.getLong("tests.seed", System.nanoTime());
  private final Random random = new Random(seed);
  private final Schema schema =
      Schema.of(
          List.of(
              FieldMapping.builder("f1", FieldType.KEYWORD, "keyword").ignoreAbove(1024).build(),
              FieldMapping.builder("f2", FieldType.KEYWORD, "keyword").ignoreAbove(1024).build(),
              FieldMapping.builder("f3", FieldType.KEYWORD, "keyword").ignoreAbove(1024).build(),
              FieldMapping.of("event.category", FieldType.KEYWORD)));

  /** A query written twice. */
  private record Pair(String kql, String eql) {}

  @Test
  void randomQueriesAgreeOnRandomEvents() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      events.add(randomEvent());
    }
    for (int q = 0; q < 400; q++) {
      Pair pair = randomQuery(3);
      EventPredicate kql = KqlCompiler.compile(pair.kql(), schema);
      CompiledEql eql =
          EqlCompiler.compile("any where " + pair.eql(), schema, EqlSettings.defaults());
      for (Event event : events) {
        assertThat(eql.eventFilter().test(event))
            .as(
                "seed %d (replay with -Dtests.seed=%d)%nKQL: %s%nEQL: %s%nevent: %s",
                seed, seed, pair.kql(), pair.eql(), event.source())
            .isEqualTo(kql.test(event));
      }
    }
  }

  private Pair randomQuery(int depth) {
    int choice = random.nextInt(depth <= 0 ? 3 : 6);
    switch (choice) {
      case 0 -> {
        String field = field();
        String value = value();
        return new Pair(
            field + ":\"" + value + "\"",
            "(" + field + " != null and " + field + " == \"" + value + "\")");
      }
      case 1 -> {
        String field = field();
        String pattern = pattern();
        return new Pair(
            field + ":" + pattern,
            "(" + field + " != null and " + field + " like \"" + pattern + "\")");
      }
      case 2 -> {
        String field = field();
        return new Pair(field + ":*", "(" + field + " != null)");
      }
      case 3 -> {
        Pair inner = randomQuery(depth - 1);
        return new Pair("not (" + inner.kql() + ")", "not (" + inner.eql() + ")");
      }
      case 4 -> {
        Pair left = randomQuery(depth - 1);
        Pair right = randomQuery(depth - 1);
        return new Pair(
            "(" + left.kql() + " and " + right.kql() + ")",
            "(" + left.eql() + " and " + right.eql() + ")");
      }
      default -> {
        Pair left = randomQuery(depth - 1);
        Pair right = randomQuery(depth - 1);
        return new Pair(
            "(" + left.kql() + " or " + right.kql() + ")",
            "(" + left.eql() + " or " + right.eql() + ")");
      }
    }
  }

  private String field() {
    return FIELDS.get(random.nextInt(FIELDS.size()));
  }

  /** 1–3 letters. */
  private String value() {
    StringBuilder out = new StringBuilder();
    int length = 1 + random.nextInt(3);
    for (int i = 0; i < length; i++) {
      out.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
    }
    return out.toString();
  }

  /** Letters with at least one {@code *}, e.g. {@code a*}, {@code *b*}, {@code a*B}. */
  private String pattern() {
    StringBuilder out = new StringBuilder();
    int length = 1 + random.nextInt(4);
    boolean star = false;
    for (int i = 0; i < length; i++) {
      if (random.nextInt(3) == 0) {
        out.append('*');
        star = true;
      } else {
        out.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
      }
    }
    if (!star) {
      out.insert(random.nextInt(out.length() + 1), '*');
    }
    return out.toString();
  }

  private Event randomEvent() {
    ObjectNode source = JSON.createObjectNode();
    source.put("event.category", "process");
    for (String field : FIELDS) {
      switch (random.nextInt(7)) {
        case 0 -> {
          // missing
        }
        case 1 -> source.putNull(field);
        case 2 -> source.putArray(field);
        case 3 -> source.putArray(field).addNull();
        case 4 -> source.put(field, value());
        case 5 -> {
          ArrayNode values = source.putArray(field);
          values.add(value());
          values.add(value());
        }
        default -> {
          ArrayNode values = source.putArray(field);
          values.add(value());
          values.addNull();
        }
      }
    }
    return Event.of(source, new EventOrigin("random", 1));
  }
}

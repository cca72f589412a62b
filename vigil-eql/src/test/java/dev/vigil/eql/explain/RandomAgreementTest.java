package dev.vigil.eql.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.explain.Truth;
import dev.vigil.eql.CompiledEql;
import dev.vigil.eql.EqlCompiler;
import dev.vigil.eql.EqlSettings;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The explainer's root value against the compiled query's {@code eventFilter()} on seeded random
 * events: missing fields, explicit nulls, arrays, values of the wrong type, values over {@code
 * ignore_above}. The seed is printed on failure.
 */
class RandomAgreementTest {
  private static final JsonMapper JSON = new JsonMapper();

  private static final List<String> QUERIES =
      List.of(
          "process where name == \"a\"",
          "any where name != \"a\" and pid > 2",
          "any where not (name in (\"a\", \"B\") or tags : \"x*\")",
          "any where tags != \"a\" or tags == \"b\"",
          "file where name in~ (\"A\", \"b\") and not pid in (1, 2, \"3\")",
          "any where name like~ \"a*\" or name regex \"b.?\"",
          "any where startsWith(name, \"a\") and endsWith~(user, \"B\")",
          "any where length(name) > 1 or pid + 1 == 3",
          "any where concat(name, user) == \"ab\" or name == user",
          "any where pid == null or ratio < 1.5",
          "any where ip == \"10.0.0.1\" or cidrMatch(ip, \"192.168.0.0/16\")",
          "any where version > \"1.2\" and flag == true",
          "any where lower == \"ab\" and short != \"abcdefg\"",
          "any where between(name, \"a\", \"c\") == \"\" or stringContains(user, \"b\")",
          "any where ?nowhere == null and (name == \"a\" or not user == \"b\")",
          "any where -pid < -1 and pid % 2 == 1",
          "process where true",
          // a filter's truth test stops at the first operand of an and that is not TRUE; under a
          // not, null and false must still differ
          "any where not (name == \"a\" and pid > 1) and not (user != \"b\" or ?nowhere == \"x\")",
          "any where (pid > 1 and name == \"a\") or not (tags == \"x\" and ratio < 1)",
          "any where false or name : (\"*a\", \"b?\")",
          "any where number(user) == 1 or string(pid) == \"2\"",
          "any where substring(name, 0, 1) == \"a\" and indexOf(user, \"b\") >= 0",
          "sequence by user [process where name == \"a\"] [file where pid > 1] until [any where"
              + " tags == \"x\"]",
          "sequence [any where name == \"a\"] ![any where name == \"b\"] [any where pid == 2]",
          "sample by user [any where name == \"a\"] [any where pid != 2]");

  private static final String[] STRINGS = {
    "a", "A", "b", "B", "ab", "ba", "x", "xa", "abcdefg", ""
  };

  @Test
  void rootValueAgreesWithTheCompiledEventFilter() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    EqlSettings settings = EqlSettings.defaults();
    int events = 0;
    for (String query : QUERIES) {
      CompiledEql compiled = EqlCompiler.compile(query, ExplainTestSupport.SCHEMA, settings);
      EqlExplainer explainer = EqlExplainer.prepare(query, ExplainTestSupport.SCHEMA, settings);
      for (int i = 0; i < 400; i++) {
        Event event = randomEvent(random);
        boolean expected = compiled.eventFilter().test(event);
        Truth actual = explainer.explain(event).value();
        events++;
        assertThat(actual == Truth.TRUE)
            .as("seed %d query [%s] event %s", seed, query, event.source())
            .isEqualTo(expected);
      }
    }
    assertThat(events).isEqualTo(QUERIES.size() * 400);
  }

  static Event randomEvent(Random random) {
    ObjectNode source = JSON.createObjectNode();
    for (String field :
        List.of("event.category", "name", "user", "tags", "lower", "short", "nowhere")) {
      put(source, field, random, () -> JSON.getNodeFactory().textNode(pick(random, STRINGS)));
    }
    if (random.nextInt(4) == 0) {
      source.put("event.category", random.nextBoolean() ? "process" : "file");
    }
    put(source, "pid", random, () -> JSON.getNodeFactory().numberNode(random.nextInt(5)));
    put(source, "ratio", random, () -> JSON.getNodeFactory().numberNode(random.nextInt(4) * 0.75));
    put(
        source,
        "ip",
        random,
        () ->
            JSON.getNodeFactory()
                .textNode(pick(random, new String[] {"10.0.0.1", "192.168.1.1", "::1", "nope"})));
    put(
        source,
        "version",
        random,
        () -> JSON.getNodeFactory().textNode(pick(random, new String[] {"1.1", "1.3.0", "2"})));
    put(source, "flag", random, () -> JSON.getNodeFactory().booleanNode(random.nextBoolean()));
    return Event.of(source, new EventOrigin("random", 1));
  }

  private interface Value {
    com.fasterxml.jackson.databind.JsonNode next();
  }

  /** Missing, null, one value, an array of up to three values, or a value of another type. */
  private static void put(ObjectNode source, String field, Random random, Value value) {
    switch (random.nextInt(6)) {
      case 0:
        return;
      case 1:
        source.putNull(field);
        return;
      case 2:
        {
          ArrayNode array = source.putArray(field);
          int size = random.nextInt(4);
          for (int i = 0; i < size; i++) {
            array.add(value.next());
          }
          return;
        }
      case 3:
        source.put(field, random.nextBoolean() ? "7" : "zz");
        return;
      default:
        source.set(field, value.next());
    }
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}

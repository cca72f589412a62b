package dev.vigil.kql.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.EventOrigin;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.match.Requirement;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The requirements the compilers derive from their plans: which query forms route on which keys,
 * and, on hand-written and seeded random events, that every event a query matches meets its
 * requirement. The seed is printed on failure; fix it with {@code -Dtests.seed=…}.
 */
class RequirementTest {
  private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema SCHEMA = TestEvents.schema();

  private static EventPredicate kql(String query) {
    return KqlCompiler.compile(query, SCHEMA);
  }

  private static EventPredicate dsl(String query) {
    try {
      return FilterCompiler.compileDsl(JSON.readTree(query.replace('\'', '"')), SCHEMA);
    } catch (IOException e) {
      throw new IllegalArgumentException(query, e);
    }
  }

  private static Map<String, Set<String>> clauses(EventPredicate predicate) {
    return predicate.requirement().clauses();
  }

  /** Asserts that the predicate matches the event and that the event meets the requirement. */
  private static void matchesAndMeets(EventPredicate predicate, String event) {
    assertThat(predicate.test(TestEvents.event(event))).as("%s on %s", predicate, event).isTrue();
    assertThat(predicate.requirement().test(TestEvents.event(event)))
        .as("%s requires %s, not met by %s", predicate, predicate.requirement(), event)
        .isTrue();
  }

  @Nested
  class Kql {
    @Test
    void keywordTermRoutesOnItsValue() {
      EventPredicate query = kql("process.name: bash");
      assertThat(query.requirement()).isEqualTo(Requirement.anyOf("process.name", List.of("bash")));
      assertThat(query.requirement()).hasToString("{process.name=[bash]}");
      assertThat(query.requirement()).isSameAs(query.requirement());
    }

    @Test
    void valueListRoutesOnEveryValue() {
      assertThat(clauses(kql("process.name: (bash or sh)")))
          .isEqualTo(Map.of("process.name", Set.of("bash", "sh")));
    }

    @Test
    void conjunctionRequiresEveryClause() {
      assertThat(clauses(kql("process.name: bash and process.args: x")))
          .isEqualTo(Map.of("process.name", Set.of("bash"), "process.args", Set.of("x")));
      assertThat(clauses(kql("process.name: bash and process.pid > 3")))
          .isEqualTo(Map.of("process.name", Set.of("bash")));
    }

    @Test
    void disjunctionOverDifferentFieldsRequiresOneOfThem() {
      Requirement either = kql("process.name: bash or process.args: x").requirement();
      assertThat(either.alternatives())
          .containsExactlyInAnyOrder(
              Map.of("process.name", Set.of("bash")), Map.of("process.args", Set.of("x")));
      assertThat(either.clauses()).isEmpty();
      assertThat(kql("process.name: bash or process.args: *").requirement().isNone()).isTrue();
      assertThat(clauses(kql("process.name: bash or (process.name: sh and process.args: x)")))
          .isEqualTo(Map.of("process.name", Set.of("bash", "sh")));
    }

    @Test
    void negationRequiresNothing() {
      assertThat(kql("not process.name: bash").requirement().isNone()).isTrue();
      assertThat(clauses(kql("process.args: x and not process.name: bash")))
          .isEqualTo(Map.of("process.args", Set.of("x")));
    }

    @Test
    void patternsRangesAndExistsRequireNothing() {
      for (String query :
          List.of(
              "process.name: ba*",
              "process.name: *",
              "process.name > a",
              "process.command_line: *cu*",
              "process.name.text: bash",
              "message: \"hello world\"",
              "bash")) {
        assertThat(kql(query).requirement().isNone()).as(query).isTrue();
      }
    }

    @Test
    void wildcardsRequireTheirLongestLiteralRun() {
      EventPredicate query = kql("process.command_line: (*curl* or *WGET*http* or sh)");
      assertThat(query.requirement().toString())
          .isEqualTo("{process.command_line=[*curl*, *wget*, sh]}");
      matchesAndMeets(query, "{\"process\":{\"command_line\":\"/usr/bin/curl -s x\"}}");
      matchesAndMeets(query, "{\"process\":{\"command_line\":\"WGET http://x\"}}");
    }

    @Test
    void keysAreCaseFolded() {
      EventPredicate query = kql("process.name: BASH");
      assertThat(clauses(query)).isEqualTo(Map.of("process.name", Set.of("bash")));
      matchesAndMeets(query, "{\"process\":{\"name\":\"BASH\"}}");
    }

    @Test
    void nonKeywordFieldsRequireNothing() {
      for (String query :
          List.of(
              "process.pid: 3",
              "event.risk_score: 21.5",
              "process.code_signature.trusted: true",
              "source.ip: 10.0.0.1",
              "@timestamp: \"2024-01-01\"",
              "body: hello")) {
        assertThat(kql(query).requirement().isNone()).as(query).isTrue();
      }
      // a constant_keyword without a constant in its mapping indexes the event's own value
      assertThat(clauses(kql("data_stream.type: logs")))
          .isEqualTo(Map.of("data_stream.type", Set.of("logs")));
    }

    @Test
    void lowercaseNormalizedMultiFieldRoutesOnItsParent() {
      EventPredicate query = kql("process.name.caseless: BaSh");
      assertThat(clauses(query)).isEqualTo(Map.of("process.name", Set.of("bash")));
      matchesAndMeets(query, "{\"process\":{\"name\":\"bAsH\"}}");
    }

    @Test
    void aliasRoutesOnItsTarget() {
      EventPredicate query = kql("proc: bash");
      assertThat(clauses(query)).isEqualTo(Map.of("process.name", Set.of("bash")));
      matchesAndMeets(query, "{\"process\":{\"name\":\"bash\"}}");
    }

    @Test
    void wildcardFieldRoutesOnExactValues() {
      EventPredicate query = kql("process.command_line: \"curl -O x\"");
      assertThat(clauses(query)).isEqualTo(Map.of("process.command_line", Set.of("curl -o x")));
      matchesAndMeets(query, "{\"process\":{\"command_line\":\"curl -O x\"}}");
    }

    @Test
    void flattenedKeysRouteButRootsDoNot() {
      EventPredicate key = kql("labels.key: v");
      assertThat(clauses(key)).isEqualTo(Map.of("labels.key", Set.of("v")));
      matchesAndMeets(key, "{\"labels\":{\"key\":\"v\"}}");
      assertThat(kql("labels: v").requirement().isNone()).isTrue();
    }

    @Test
    void nestedGroupsRequireNothing() {
      assertThat(kql("threat.enrichments: { matched.field: a }").requirement().isNone()).isTrue();
    }

    @Test
    void unmappedFieldsRequireNothingAndDropOutOfDisjunctions() {
      assertThat(kql("no.such.field: x").requirement().isNone()).isTrue();
      // the unmapped side is match_none: only the other side can match
      assertThat(clauses(kql("no.such.field: x or process.name: bash")))
          .isEqualTo(Map.of("process.name", Set.of("bash")));
    }

    @Test
    void numbersInSourceMeetTheirText() {
      matchesAndMeets(kql("process.name: 4624"), "{\"process\":{\"name\":4624}}");
    }

    @Test
    void oneFieldInTwoClausesKeepsEitherSidesKeysForArrays() {
      // Intersecting {a} and {b} would require a value that is both and drop this event.
      EventPredicate query = kql("process.args: a and process.args: b");
      assertThat(clauses(query)).containsOnlyKeys("process.args");
      matchesAndMeets(query, "{\"process\":{\"args\":[\"a\",\"b\"]}}");
      assertThat(clauses(kql("process.args: (a or b) and process.args: a")))
          .isEqualTo(Map.of("process.args", Set.of("a")));
    }
  }

  @Nested
  class Mappings {
    private final Schema schema =
        Schema.of(
            List.of(
                FieldMapping.builder("user.name", FieldType.KEYWORD, "keyword")
                    .normalizer("lowercase")
                    .build(),
                FieldMapping.builder("user.id", FieldType.KEYWORD, "keyword")
                    .normalizer("ascii_folding")
                    .build(),
                FieldMapping.builder("user.domain", FieldType.KEYWORD, "keyword")
                    .nullValue("NONE")
                    .build(),
                FieldMapping.of("host.version", FieldType.VERSION)));

    @Test
    void lowercaseNormalizerRoutesOnTheFoldedTerm() {
      EventPredicate query = KqlCompiler.compile("user.name: Alice", schema);
      assertThat(clauses(query)).isEqualTo(Map.of("user.name", Set.of("alice")));
      matchesAndMeets(query, "{\"user\":{\"name\":\"ALICE\"}}");
    }

    @Test
    void otherNormalizersNullValuesAndVersionsRequireNothing() {
      for (String query : List.of("user.id: a", "user.domain: NONE", "host.version: 1.2.3")) {
        assertThat(KqlCompiler.compile(query, schema).requirement().isNone()).as(query).isTrue();
      }
    }
  }

  @Nested
  class LuceneAndDsl {
    @Test
    void luceneTermsRoute() {
      assertThat(clauses(LuceneCompiler.compile("process.name:bash AND process.pid:3", SCHEMA)))
          .isEqualTo(Map.of("process.name", Set.of("bash")));
      assertThat(
              clauses(LuceneCompiler.compile("+process.name:(bash OR sh) -process.args:x", SCHEMA)))
          .isEqualTo(Map.of("process.name", Set.of("bash", "sh")));
      assertThat(LuceneCompiler.compile("bash", SCHEMA).requirement().isNone()).isTrue();
      assertThat(LuceneCompiler.compile("process.name:/ba.*/", SCHEMA).requirement().isNone())
          .isTrue();
      assertThat(LuceneCompiler.compile("process.name:bsh~1", SCHEMA).requirement().isNone())
          .isTrue();
    }

    @Test
    void dslTermTermsAndMatchOnKeywordsRoute() {
      assertThat(clauses(dsl("{'term':{'process.name':'bash'}}")))
          .isEqualTo(Map.of("process.name", Set.of("bash")));
      assertThat(clauses(dsl("{'terms':{'process.name':['bash','sh']}}")))
          .isEqualTo(Map.of("process.name", Set.of("bash", "sh")));
      assertThat(clauses(dsl("{'match':{'process.name':'bash'}}")))
          .isEqualTo(Map.of("process.name", Set.of("bash")));
      assertThat(clauses(dsl("{'match_phrase':{'process.name':'bash'}}")))
          .isEqualTo(Map.of("process.name", Set.of("bash")));
      assertThat(dsl("{'match':{'body':'hello'}}").requirement().isNone()).isTrue();
      assertThat(dsl("{'prefix':{'process.name':'ba'}}").requirement().isNone()).isTrue();
    }

    @Test
    void caseInsensitiveTermRoutesOnTheFoldedTermAndRendersAsBefore() {
      EventPredicate query =
          dsl("{'term':{'process.name':{'value':'BaSh','case_insensitive':true}}}");
      assertThat(query).hasToString("dsl process.name:term~[BaSh]");
      assertThat(clauses(query)).isEqualTo(Map.of("process.name", Set.of("bash")));
      matchesAndMeets(query, "{\"process\":{\"name\":\"BASH\"}}");
    }

    @Test
    void boolClausesCombine() {
      assertThat(
              clauses(
                  dsl(
                      "{'bool':{'filter':[{'term':{'process.name':'bash'}}],"
                          + "'must_not':[{'term':{'process.args':'x'}}]}}")))
          .isEqualTo(Map.of("process.name", Set.of("bash")));
      assertThat(
              clauses(
                  dsl(
                      "{'bool':{'should':[{'term':{'process.name':'bash'}},"
                          + "{'term':{'process.name':'sh'}},{'term':{'process.args':'x'}}],"
                          + "'minimum_should_match':2}}")))
          .isEmpty();
      assertThat(
              clauses(
                  dsl(
                      "{'bool':{'should':[{'term':{'process.name':'bash'}},"
                          + "{'term':{'process.name':'sh'}}],'minimum_should_match':2}}")))
          .isEqualTo(Map.of("process.name", Set.of("bash", "sh")));
    }

    @Test
    void filtersAreAndedAndNegatedOnesRequireNothing() {
      EventPredicate filters =
          FilterCompiler.compile(
              List.of(
                  json("{'query':{'term':{'process.name':'bash'}}}"),
                  json("{'meta':{'negate':true},'query':{'term':{'process.args':'x'}}}"),
                  json("{'meta':{'disabled':true},'query':{'term':{'file.path':'y'}}}")),
              SCHEMA);
      assertThat(clauses(filters)).isEqualTo(Map.of("process.name", Set.of("bash")));
    }

    private ObjectNode json(String text) {
      try {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
      } catch (IOException e) {
        throw new IllegalArgumentException(text, e);
      }
    }
  }

  // -----------------------------------------------------------------------------------------------
  // seeded random queries and events

  private static final String[] FIELDS = {
    "process.name",
    "process.name.caseless",
    "process.name.text",
    "proc",
    "process.args",
    "process.command_line",
    "process.pid",
    "short.name",
    "labels.key",
    "labels"
  };
  private static final String[] SOURCE_FIELDS = {
    "process.name",
    "process.args",
    "process.command_line",
    "process.pid",
    "short.name",
    "labels.key"
  };
  private static final String[] WORDS = {"bash", "BASH", "Sh", "a", "b c", "4624", "abcdefg"};

  private static String randomQuery(Random random, int depth) {
    int kind = depth > 2 ? random.nextInt(3) : random.nextInt(6);
    String field = FIELDS[random.nextInt(FIELDS.length)];
    String word = WORDS[random.nextInt(WORDS.length)];
    switch (kind) {
      case 0:
        return field + ":\"" + word + "\"";
      case 1:
        {
          String operator = random.nextBoolean() ? " or " : " and ";
          return field + ":(\"" + word + "\"" + operator + "\"" + randomWord(random) + "\")";
        }
      case 2:
        return field + ":" + word.replace(" ", "").substring(0, 1) + "*";
      case 3:
        return "not (" + randomQuery(random, depth + 1) + ")";
      case 4:
        return "("
            + randomQuery(random, depth + 1)
            + " and "
            + randomQuery(random, depth + 1)
            + ")";
      default:
        return "(" + randomQuery(random, depth + 1) + " or " + randomQuery(random, depth + 1) + ")";
    }
  }

  /** Missing, single, multi-valued and numeric values, in every case variant of the words. */
  private static Event randomEvent(Random random) {
    ObjectNode source = JSON.createObjectNode();
    for (String field : SOURCE_FIELDS) {
      int shape = random.nextInt(5);
      if (shape == 0) {
        continue;
      }
      if (shape == 1) {
        source.put(field, 4624);
      } else if (shape == 2) {
        ArrayNode values = source.putArray(field);
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
          values.add(randomWord(random));
        }
      } else {
        source.put(field, randomWord(random));
      }
    }
    return Event.of(source, new EventOrigin("random", 0));
  }

  private static String randomWord(Random random) {
    String word = WORDS[random.nextInt(WORDS.length)];
    return random.nextBoolean() ? word : word.toUpperCase(Locale.ROOT);
  }

  @Test
  void randomMatchesMeetTheirRequirements() {
    Random random = new Random(SEED);
    int routed = 0;
    int matched = 0;
    List<String> queries = new ArrayList<>();
    for (int round = 0; round < 1_000; round++) {
      queries.add(randomQuery(random, 0));
    }
    int compiledCount = 0;
    for (String query : queries) {
      EventPredicate compiled;
      try {
        compiled = kql(query);
      } catch (QueryException e) {
        continue; // a word the field type cannot parse (process.pid:"bash")
      }
      compiledCount++;
      routed += compiled.requirement().isNone() ? 0 : 1;
      for (int e = 0; e < 20; e++) {
        Event event = randomEvent(random);
        if (compiled.test(event)) {
          matched++;
          assertThat(compiled.requirement().test(event))
              .as(
                  "seed %d: %s requires %s, not met by %s",
                  SEED, query, compiled.requirement(), event.source())
              .isTrue();
        }
      }
    }
    assertThat(compiledCount).as("seed %d", SEED).isGreaterThan(500);
    assertThat(routed).as("seed %d", SEED).isGreaterThan(100);
    assertThat(matched).as("seed %d", SEED).isGreaterThan(1_000);
  }
}

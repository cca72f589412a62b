package dev.vigil.kql.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.event.Event;
import dev.vigil.core.explain.Truth;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.Schema;
import dev.vigil.kql.explain.KqlExplainer;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The explainer's root value against the compiled predicates on seeded random events, for KQL,
 * Lucene and DSL queries over every field kind of {@link TestEvents#schema()} (multi-fields, text,
 * wildcard, ip, date, flattened, nested, ignore_above). The seed is printed on failure.
 */
class RandomExplainAgreementTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

  private static final List<String> KQL =
      List.of(
          "process.name:bash and not process.args:(a or \"b c\")",
          "process.name.caseless:BASH or process.name.text:bash",
          "process.command_line:*curl* and process.pid >= 3",
          "message:\"hello world\" or body:hello",
          "source.ip:10.0.0.0/8 or not source.ip:*",
          "@timestamp > now-1d and short.name:ab*",
          "proc:bash or labels.key:v",
          "threat.enrichments:{ matched.field:a and not matched.type:b }",
          "bash or \"hello\"",
          "not (process.name:sh and process.pid < 2) and event.risk_score > 21.5");

  private static final List<String> LUCENE =
      List.of(
          "process.name:bash AND -process.args:a",
          "+process.name:(bash sh) process.pid:[1 TO 3] NOT body:hello",
          "process.command_line:*curl* OR message:\"hello world\"~1",
          "_exists_:source.ip || process.name:/ba.*/",
          "process.name:bsh~1 && process.pid:>2");

  private static final List<String> DSL =
      List.of(
          "{\"bool\":{\"must\":[{\"term\":{\"process.name\":\"bash\"}}],\"should\":[{\"term\":"
              + "{\"process.args\":\"a\"}}],\"must_not\":{\"range\":{\"process.pid\":{\"gt\":3}}}}}",
          "{\"bool\":{\"should\":[{\"match\":{\"body\":\"hello\"}},{\"wildcard\":{\"process.name\":"
              + "\"b*\"}},{\"exists\":{\"field\":\"source.ip\"}}],\"minimum_should_match\":2}}",
          "{\"query_string\":{\"query\":\"bash OR sh\",\"default_field\":\"process.name\"}}",
          "{\"nested\":{\"path\":\"threat.enrichments\",\"query\":{\"term\":"
              + "{\"threat.enrichments.matched.field\":\"a\"}}}}");

  private static final Map<String, List<String>> VOCABULARY =
      Map.ofEntries(
          Map.entry("process.name", List.of("bash", "BASH", "sh", "bsh", "x")),
          Map.entry("process.args", List.of("a", "b c", "b", "c")),
          Map.entry("process.command_line", List.of("curl -O x", "wget", "CURL")),
          Map.entry("process.pid", List.of("1", "2", "3", "4", "x")),
          Map.entry("message", List.of("hello world", "world hello", "hello big world")),
          Map.entry("body", List.of("Hello", "bye")),
          Map.entry("source.ip", List.of("10.1.1.1", "192.168.0.1", "bad")),
          Map.entry("@timestamp", List.of("2024-05-01T00:00:00Z", "2024-01-01T00:00:00Z")),
          Map.entry("short.name", List.of("abc", "abcdefgh")),
          Map.entry("labels.key", List.of("v", "w")),
          Map.entry("event.risk_score", List.of("21.5", "22", "47")),
          Map.entry("threat.enrichments.matched.field", List.of("a", "z")),
          Map.entry("threat.enrichments.matched.type", List.of("b", "y")));

  @Test
  void rootValueAgreesWithTheCompiledPredicates() throws IOException {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Schema schema = TestEvents.schema();
    int checked = 0;
    for (String query : KQL) {
      checked +=
          check(
              seed,
              random,
              query,
              KqlCompiler.compile(query, schema, CLOCK),
              KqlExplainer.kql(query, schema, CLOCK));
    }
    for (String query : LUCENE) {
      checked +=
          check(
              seed,
              random,
              query,
              LuceneCompiler.compile(query, schema, CLOCK),
              KqlExplainer.lucene(query, schema, CLOCK));
    }
    for (String query : DSL) {
      checked +=
          check(
              seed,
              random,
              query,
              FilterCompiler.compileDsl(JSON.readTree(query), schema, CLOCK),
              KqlExplainer.dsl(JSON.readTree(query), schema, CLOCK));
    }
    assertThat(checked).isEqualTo((KQL.size() + LUCENE.size() + DSL.size()) * 300);
  }

  private static int check(
      long seed, Random random, String query, EventPredicate compiled, KqlExplainer explainer) {
    for (int i = 0; i < 300; i++) {
      Event event = ExplainAgreementTest.randomEvent(random, VOCABULARY);
      assertThat(explainer.explain(event).value() == Truth.TRUE)
          .as("seed %d [%s] on %s", seed, query, event.source())
          .isEqualTo(compiled.test(event));
    }
    return 300;
  }
}

package dev.vigil.kql.compile;

import static dev.vigil.kql.compile.TestEvents.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** KQL semantics per field type and construct, on small hand-written events. */
class KqlCompilerTest {
  private static final Schema SCHEMA = TestEvents.schema();

  private static EventPredicate kql(String query) {
    return KqlCompiler.compile(query, SCHEMA);
  }

  private static void rejects(String query, String messagePart) {
    assertThatThrownBy(() -> kql(query))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining(messagePart);
  }

  @Nested
  class Keyword {
    @Test
    void termIsExactAndCaseSensitive() {
      assertThat(
              matching(
                  kql("process.name:cmd.exe"),
                  "{\"process\":{\"name\":\"cmd.exe\"}}",
                  "{\"process\":{\"name\":\"CMD.EXE\"}}",
                  "{\"process\":{\"name\":\"cmd.exe \"}}"))
          .containsExactly(0);
    }

    @Test
    void orOfQueriesOnOneFieldReadsTheFieldOnce() {
      EventPredicate query = kql("process.args:(a or b* or c) or process.name:x or process.args:D");
      assertThat(((CompiledQuery) query).plan())
          .hasToString(
              "or[process.args:any[term[a], wildcard[b*], term[c], term[D]], process.name:term[x]]");
      assertThat(
              matching(
                  query,
                  "{\"process\":{\"args\":[\"z\",\"c\"]}}",
                  "{\"process\":{\"args\":[\"bee\"]}}",
                  "{\"process\":{\"args\":[\"d\",\"A\"],\"name\":\"X\"}}",
                  "{\"process\":{\"args\":\"D\"}}",
                  "{\"process\":{\"name\":\"x\"}}"))
          .containsExactly(0, 1, 3, 4);
      // b* gives no key, so the field as a whole requires none
      assertThat(query.requirement().isNone()).isTrue();
      assertThat(kql("process.args:(a or b)").requirement().clauses())
          .isEqualTo(java.util.Map.of("process.args", java.util.Set.of("a", "b")));
    }

    @Test
    void wildcardIsAnchoredAndKeepsSpaces() {
      EventPredicate query = kql("process.args:*a b*");
      assertThat(
              matching(
                  query,
                  "{\"process\":{\"args\":[\"xa by\"]}}",
                  "{\"process\":{\"args\":[\"a\",\"b\"]}}"))
          .containsExactly(0);
    }

    @Test
    void normalizerFoldsTermsAndPatterns() {
      String[] events = {"{\"process\":{\"name\":\"Cmd.Exe\"}}", "{\"process\":{\"name\":\"x\"}}"};
      assertThat(matching(kql("process.name.caseless:CMD.EXE"), events)).containsExactly(0);
      assertThat(matching(kql("process.name.caseless:C*E"), events)).containsExactly(0);
    }

    @Test
    void ignoreAboveHidesLongValuesEvenFromExists() {
      String[] events = {"{\"short\":{\"name\":\"abcdef\"}}", "{\"short\":{\"name\":\"abc\"}}"};
      assertThat(matching(kql("short.name:*"), events)).containsExactly(1);
      assertThat(matching(kql("not short.name:abcdef"), events)).containsExactly(0, 1);
    }

    @Test
    void aliasSearchesItsTarget() {
      assertThat(matching(kql("proc:bash"), "{\"process\":{\"name\":\"bash\"}}"))
          .containsExactly(0);
    }

    @Test
    void numbersInSourceAreTheirText() {
      assertThat(matching(kql("process.name:4624"), "{\"process\":{\"name\":4624}}"))
          .containsExactly(0);
    }

    @Test
    void constantKeywordWildcardGoesThroughQueryString() {
      String[] events = {"{\"data_stream\":{\"type\":\"logs\"}}"};
      assertThat(matching(kql("data_stream.type:lo*"), events)).containsExactly(0);
      assertThat(matching(kql("data_stream.type:logs"), events)).containsExactly(0);
    }
  }

  @Nested
  class WildcardType {
    @Test
    void equalityIsWholeValue() {
      String[] events = {"{\"process\":{\"command_line\":\"a b c\"}}"};
      assertThat(matching(kql("process.command_line:a b c"), events)).containsExactly(0);
      assertThat(matching(kql("process.command_line:b"), events)).isEmpty();
    }

    @Test
    void wildcardValuesSplitOnWhitespace() {
      String[] events = {"{\"process\":{\"command_line\":\"x -enc y\"}}"};
      assertThat(matching(kql("process.command_line:*-enc y"), events)).isEmpty();
      assertThat(matching(kql("process.command_line:*-enc*"), events)).containsExactly(0);
    }
  }

  @Nested
  class Text {
    @Test
    void matchIsAnyTokenAndPhraseIsConsecutive() {
      String[] events = {"{\"body\":\"The Quick brown fox\"}", "{\"body\":[\"quick\",\"brown\"]}"};
      assertThat(matching(kql("body:QUICK"), events)).containsExactly(0, 1);
      assertThat(matching(kql("body:\"quick brown\""), events)).containsExactly(0);
      assertThat(matching(kql("body:\"brown quick\""), events)).isEmpty();
      assertThat(matching(kql("body:qu*"), events)).containsExactly(0, 1);
    }

    @Test
    void textExistsNeedsATokenButMatchOnlyTextDoesNot() {
      assertThat(matching(kql("body:*"), "{\"body\":\"\"}", "{\"body\":\"x\"}")).containsExactly(1);
      assertThat(matching(kql("message:*"), "{\"message\":\"\"}")).containsExactly(0);
    }

    @Test
    void multiFieldTextIsAnalysedFromTheParent() {
      assertThat(matching(kql("process.name.text:EXE"), "{\"process\":{\"name\":\"a-b exe\"}}"))
          .containsExactly(0);
    }
  }

  @Nested
  class Numbers {
    @Test
    void coercionAndFractions() {
      String[] events = {"{\"process\":{\"pid\":\"42\"}}", "{\"process\":{\"pid\":42.7}}"};
      assertThat(matching(kql("process.pid:42"), events)).containsExactly(0, 1);
      assertThat(matching(kql("process.pid:42.5"), events)).isEmpty();
      assertThat(matching(kql("process.pid:042.0"), events)).containsExactly(0, 1);
    }

    @Test
    void rangesCompareNumerically() {
      String[] events = {"{\"process\":{\"pid\":9}}", "{\"process\":{\"pid\":10}}"};
      assertThat(matching(kql("process.pid > 9.5"), events)).containsExactly(1);
      assertThat(matching(kql("process.pid <= 9"), events)).containsExactly(0);
    }

    @Test
    void floatsCompareAtSinglePrecision() {
      assertThat(matching(kql("event.risk_score:0.1"), "{\"event\":{\"risk_score\":0.1}}"))
          .containsExactly(0);
    }

    @Test
    void nonNumbersAndWildcardsAreErrors() {
      rejects("process.pid:abc", "[abc]");
      rejects("process.pid:4*", "wildcard");
      rejects("process.pid > x", "[x]");
    }
  }

  @Nested
  class IpsDatesBooleans {
    @Test
    void ipAddressesAndCidr() {
      String[] events = {"{\"source\":{\"ip\":\"10.1.2.3\"}}", "{\"source\":{\"ip\":\"::1\"}}"};
      assertThat(matching(kql("source.ip:10.0.0.0/8"), events)).containsExactly(0);
      assertThat(matching(kql("source.ip:\"::1\""), events)).containsExactly(1);
      assertThat(matching(kql("source.ip < 10.1.2.4"), events)).containsExactly(0, 1);
      rejects("source.ip:10.*", "wildcard");
      rejects("source.ip:nope", "[nope]");
    }

    @Test
    void dateRoundingAndDateMath() {
      Clock clock = Clock.fixed(Instant.parse("2024-03-10T12:00:00Z"), ZoneOffset.UTC);
      String[] events = {
        "{\"@timestamp\":\"2024-03-10T01:00:00Z\"}", "{\"@timestamp\":\"2024-03-08T01:00:00Z\"}"
      };
      assertThat(matching(KqlCompiler.compile("@timestamp:2024-03-10", SCHEMA, clock), events))
          .containsExactly(0);
      assertThat(matching(KqlCompiler.compile("@timestamp >= \"now-1d/d\"", SCHEMA, clock), events))
          .containsExactly(0);
      assertThat(matching(KqlCompiler.compile("@timestamp < now-1d", SCHEMA, clock), events))
          .containsExactly(1);
      rejects("@timestamp:yesterday", "failed to parse date");
    }

    @Test
    void booleans() {
      String[] events = {
        "{\"process\":{\"code_signature\":{\"trusted\":false}}}",
        "{\"process\":{\"code_signature\":{\"trusted\":\"true\"}}}"
      };
      assertThat(matching(kql("process.code_signature.trusted:false"), events)).containsExactly(0);
      assertThat(matching(kql("process.code_signature.trusted:\"true\""), events))
          .containsExactly(1);
      rejects("process.code_signature.trusted:TRUE", "[TRUE]");
    }
  }

  @Nested
  class Structure {
    @Test
    void notMatchesMissingAndNull() {
      assertThat(
              matching(
                  kql("not process.name:bash"),
                  "{}",
                  "{\"process\":{\"name\":null}}",
                  "{\"process\":{\"name\":[\"bash\",\"x\"]}}"))
          .containsExactly(0, 1);
    }

    @Test
    void unmappedFieldsNeverMatch() {
      assertThat(matching(kql("no.such.field:x"), "{\"no\":{\"such\":{\"field\":\"x\"}}}"))
          .isEmpty();
      assertThat(matching(kql("not no.such.field:x"), "{\"no\":{\"such\":{\"field\":\"x\"}}}"))
          .containsExactly(0);
    }

    @Test
    void objectPathExistsAndFieldPatterns() {
      String[] events = {"{\"dns\":{\"answers\":[{\"type\":\"A\"}]}}", "{}"};
      assertThat(matching(kql("dns.answers:*"), events)).containsExactly(0);
      assertThat(matching(kql("dns.*:A"), events)).containsExactly(0);
    }

    @Test
    void fieldPatternOntoNumbersFails() {
      rejects("process.p*:abc", "process.pid");
    }

    @Test
    void nestedGroupsKeepObjectsTogether() {
      String event =
          "{\"threat\":{\"enrichments\":[{\"matched\":{\"field\":\"a\",\"type\":\"x\"}},"
              + "{\"matched\":{\"field\":\"b\",\"type\":\"y\"}}]}}";
      assertThat(matching(kql("threat.enrichments:{ matched.field:a and matched.type:x }"), event))
          .containsExactly(0);
      assertThat(matching(kql("threat.enrichments:{ matched.field:a and matched.type:y }"), event))
          .isEmpty();
      rejects("threat.enrichments.matched.field:a", "nested group");
      rejects("dns.answers:{ type:A }", "not mapped as nested");
    }

    @Test
    void flattenedKeysAndRoot() {
      String[] events = {"{\"labels\":{\"team\":\"red\"}}", "{\"labels\":{\"team\":\"blue\"}}"};
      assertThat(matching(kql("labels.team:red"), events)).containsExactly(0);
      assertThat(matching(kql("labels:blue"), events)).containsExactly(1);
    }

    @Test
    void freeTextSearchesEveryFieldLeniently() {
      String[] events = {"{\"process\":{\"pid\":7}}", "{\"body\":\"seven 7\"}", "{}"};
      assertThat(matching(kql("7"), events)).containsExactly(0, 1);
      assertThat(matching(kql("sev*"), events)).containsExactly(1);
      assertThat(matching(kql("*"), events)).containsExactly(0, 1, 2);
    }

    @Test
    void allProblemsAreReportedWithPositions() {
      assertThatThrownBy(() -> kql("process.pid:a or source.ip:b"))
          .isInstanceOfSatisfying(
              QueryException.class,
              e -> {
                assertThat(e.problems()).hasSize(2);
                assertThat(e.problems().get(1).span().column()).isEqualTo(18);
              });
    }

    @Test
    void integrationNestedMappingMakesTheGcpRuleCompile() {
      Schema gcp =
          SCHEMA.overlaidWith(
              Schema.of(
                  List.of(
                      FieldMapping.of("gcp.binding_deltas", FieldType.NESTED),
                      FieldMapping.of("gcp.binding_deltas.action", FieldType.KEYWORD))));
      EventPredicate query = KqlCompiler.compile("gcp.binding_deltas:{ action:ADD }", gcp);
      assertThat(matching(query, "{\"gcp\":{\"binding_deltas\":[{\"action\":\"ADD\"}]}}"))
          .containsExactly(0);
    }
  }
}

package dev.vigil.eql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.source.Span;
import dev.vigil.eql.ast.AnyCategory;
import dev.vigil.eql.ast.EventQuery;
import dev.vigil.eql.ast.HeadPipe;
import dev.vigil.eql.ast.MaxSpan;
import dev.vigil.eql.ast.NamedCategory;
import dev.vigil.eql.ast.Query;
import dev.vigil.eql.ast.SampleQuery;
import dev.vigil.eql.ast.SequenceQuery;
import dev.vigil.eql.ast.SequenceStage;
import dev.vigil.eql.ast.TailPipe;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Event queries, sequences, samples and pipes, with golden tree renderings. */
class QueryParserTest {

  @Test
  void eventQueryGolden() {
    Query query =
        EqlParser.parse(
            "process where process.name : (\"cmd.exe\", \"pwsh*\") and not ?user.id in (1, 2)"
                + " | tail 3 | head 1");
    assertThat(query.treeString())
        .isEqualTo(
            """
            EventQuery
            |_EventFilter[process]
            | \\_And
            |   |_Match[:]
            |   | |_FieldRef[process.name]
            |   | |_StringLiteral["cmd.exe"]
            |   | \\_StringLiteral["pwsh*"]
            |   \\_Not
            |     \\_InList[in]
            |       |_FieldRef[?user.id]
            |       |_IntegerLiteral[1]
            |       \\_IntegerLiteral[2]
            |_Tail[3]
            \\_Head[1]
            """);
    EventQuery event = (EventQuery) query;
    assertThat(event.pipes())
        .containsExactly(
            new TailPipe(3, new Span(77, 8, 1, 78)), new HeadPipe(1, new Span(86, 8, 1, 87)));
    assertThat(event.span()).isEqualTo(new Span(0, 94, 1, 1));
  }

  @Test
  void eventCategories() {
    assertThat(((EventQuery) EqlParser.parse("any where true")).filter().category())
        .isEqualTo(new AnyCategory(new Span(0, 3, 1, 1)));
    assertThat(((EventQuery) EqlParser.parse("\"my cat\" where true")).filter().category())
        .isEqualTo(new NamedCategory("my cat", new Span(0, 8, 1, 1)));
    assertThat(((EventQuery) EqlParser.parse("\"\"\"a\\b\"\"\" where true")).filter().category())
        .isEqualTo(new NamedCategory("a\\b", new Span(0, 9, 1, 1)));
    assertThat(((EventQuery) EqlParser.parse("registry where true")).filter().category())
        .isEqualTo(new NamedCategory("registry", new Span(0, 8, 1, 1)));
  }

  @Test
  void sequenceGolden() {
    Query query =
        EqlParser.parse(
            """
            sequence by host.id, user.name with maxspan=30s
              [process where process.name == "a"] by process.pid with runs=2
             ![file where true] by process.ppid
              [network where startsWith~(destination.ip, "10.")] by ?process.pid
            until [process where event.type == "end"] by process.pid
            | head 10
            """);
    assertThat(query.treeString())
        .isEqualTo(
            """
            SequenceQuery[by=[host.id, user.name], maxspan=30s]
            |_Stage[by=[process.pid], runs=2]
            | \\_EventFilter[process]
            |   \\_Comparison[==]
            |     |_FieldRef[process.name]
            |     \\_StringLiteral["a"]
            |_Stage[missing, by=[process.ppid]]
            | \\_EventFilter[file]
            |   \\_BooleanLiteral[true]
            |_Stage[by=[?process.pid]]
            | \\_EventFilter[network]
            |   \\_FunctionCall[startsWith~]
            |     |_FieldRef[destination.ip]
            |     \\_StringLiteral["10."]
            |_Until[by=[process.pid]]
            | \\_EventFilter[process]
            |   \\_Comparison[==]
            |     |_FieldRef[event.type]
            |     \\_StringLiteral["end"]
            \\_Head[10]
            """);
    SequenceQuery sequence = (SequenceQuery) query;
    assertThat(sequence.maxSpan()).isPresent();
    assertThat(sequence.maxSpan().get().millis()).isEqualTo(30_000);
    SequenceStage missing = sequence.stages().get(1);
    assertThat(missing.missing()).isTrue();
    assertThat(missing.span()).isEqualTo(new Span(114, 34, 3, 2));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "500ms, 500, MILLISECONDS, 500",
    "1s, 1, SECONDS, 1000",
    "10m, 10, MINUTES, 600000",
    "1 h, 1, HOURS, 3600000",
    "2d, 2, DAYS, 172800000"
  })
  void maxSpanUnits(String written, long value, TimeUnit unit, long millis) {
    SequenceQuery sequence =
        (SequenceQuery)
            EqlParser.parse("sequence with maxspan=" + written + " [a where true] [b where true]");
    MaxSpan maxSpan = sequence.maxSpan().orElseThrow();
    assertThat(maxSpan.value()).isEqualTo(value);
    assertThat(maxSpan.unit()).isEqualTo(unit);
    assertThat(maxSpan.millis()).isEqualTo(millis);
  }

  @Test
  void sequenceVariants() {
    assertThat(stages("sequence [a where true] [b where true]")).isEqualTo(2);
    assertThat(stages("sequence by x [a where true] [b where true]")).isEqualTo(2);
    // One stage is enough when runs makes it two events (test_extra.toml uses runs=2).
    assertThat(stages("sequence [a where true] with runs=2")).isEqualTo(1);
    // Missing events first, last and in the middle (test_missing_events.toml).
    assertThat(stages("sequence with maxspan=1s ![a where true] [b where true] ![c where true]"))
        .isEqualTo(3);
    SequenceQuery noParams =
        (SequenceQuery) EqlParser.parse("sequence [a where true] [b where true]");
    assertThat(noParams.keys()).isEmpty();
    assertThat(noParams.maxSpan()).isEmpty();
    assertThat(noParams.until()).isEmpty();
  }

  private static int stages(String text) {
    return ((SequenceQuery) EqlParser.parse(text)).stages().size();
  }

  @Test
  void sampleGolden() {
    Query query =
        EqlParser.parse(
            "sample by host [any where uptime > 0] by os [any where port > 100] by op_sys | head 2");
    assertThat(query.treeString())
        .isEqualTo(
            """
            SampleQuery[by=[host]]
            |_Filter[by=[os]]
            | \\_EventFilter[any]
            |   \\_Comparison[>]
            |     |_FieldRef[uptime]
            |     \\_IntegerLiteral[0]
            |_Filter[by=[op_sys]]
            | \\_EventFilter[any]
            |   \\_Comparison[>]
            |     |_FieldRef[port]
            |     \\_IntegerLiteral[100]
            \\_Head[2]
            """);
    assertThat(((SampleQuery) EqlParser.parse("sample [a where true]")).stages()).hasSize(1);
  }

  @Test
  void pipeArgumentsFoldToIntegers() {
    assertThat(((EventQuery) EqlParser.parse("a where true | head 2 * 5")).pipes())
        .extracting(pipe -> pipe.count())
        .containsExactly(10);
    assertThat(((EventQuery) EqlParser.parse("a where true | tail 0")).pipes())
        .extracting(pipe -> pipe.count())
        .containsExactly(0);
  }

  @Test
  void keywordsAsFieldNamesNeedBackquotes() {
    assertThat(
            Sexp.of(
                ((EventQuery) EqlParser.parse("file where `sequence` == 20")).filter().condition()))
        .isEqualTo("(== sequence 20)");
    assertThat(ParserAssertions.problems("file where x.any == 1"))
        .containsExactly(
            "1:14 Found [any], expected a field name after [.]; [any] is a keyword, write [`any`]"
                + " for a field");
  }

  @Test
  void multiLineQueriesReportLinesAndColumns() {
    assertThat(ParserAssertions.problems("sequence\n  [a where true]\n  [b where x ==]"))
        .containsExactly("3:16 Found []], expected an expression");
  }
}

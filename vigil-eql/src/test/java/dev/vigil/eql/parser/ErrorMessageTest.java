package dev.vigil.eql.parser;

import static dev.vigil.eql.parser.ParserAssertions.expressionProblems;
import static dev.vigil.eql.parser.ParserAssertions.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Snippets;
import dev.vigil.core.source.Span;
import org.junit.jupiter.api.Test;

/** Exact messages and positions: what was found, what was expected. */
class ErrorMessageTest {

  @Test
  void emptyQuery() {
    assertThat(problems(""))
        .containsExactly(
            "1:1 Found end of query, expected an event category (an identifier, a string or"
                + " [any]), [sequence] or [sample]");
  }

  @Test
  void missingWhere() {
    assertThat(problems("process name == 1")).containsExactly("1:9 Found [name], expected [where]");
  }

  @Test
  void backquotedCategory() {
    // ES: "no viable alternative at input '`identifier`'" (ExpressionTests).
    assertThat(problems("`identifier` where foo == true"))
        .containsExactly(
            "1:1 Found [`identifier`], expected an event category (an identifier, a string or"
                + " [any]), [sequence] or [sample]; write [\"identifier\"] for a category that is"
                + " not an identifier");
  }

  @Test
  void unexpectedEndOfQuery() {
    QueryException e =
        catchThrowableOfType(() -> EqlParser.parse("process where (a or b"), QueryException.class);
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).span()).isEqualTo(new Span(21, 0, 1, 22));
    assertThat(e.getMessage())
        .isEqualTo("line 1:22: Found end of query, expected an operator or [)]");
    assertThat(Snippets.render(e))
        .isEqualTo(
            "1:22: Found end of query, expected an operator or [)]\n"
                + "process where (a or b\n"
                + "                     ^\n");
  }

  @Test
  void trailingGarbage() {
    assertThat(problems("process where a == 1 b"))
        .containsExactly("1:22 Found [b], expected an operator, [|] or end of query");
    assertThat(problems("process where true | head 1 b"))
        .containsExactly("1:29 Found [b], expected [|] or end of query");
  }

  @Test
  void chainedComparisonsAreRejected() {
    // ES: valueExpression allows one comparison (ExpressionTests.testChainedComparisonsDisallowed).
    assertThat(expressionProblems("a < b <= c"))
        .containsExactly(
            "1:7 Found [<=], expected [and] or [or]: comparisons do not chain, write [a < b and b <"
                + " c] instead of [a < b < c]");
  }

  @Test
  void singleEqualsIsReportedAndParsingGoesOn() {
    assertThat(problems("process where a = 1 and b = 2"))
        .containsExactly(
            "1:17 Found [=], expected [==] to compare for equality",
            "1:27 Found [=], expected [==] to compare for equality");
  }

  @Test
  void emptyInListAndMissingParentheses() {
    assertThat(expressionProblems("name in ()"))
        .containsExactly("1:10 Found [)], expected an expression");
    assertThat(expressionProblems("name in 1"))
        .containsExactly("1:9 Found [1], expected [(] to open the list of values");
    assertThat(expressionProblems("name in (1 2)"))
        .containsExactly("1:12 Found [2], expected an operator, [,] or [)]");
  }

  @Test
  void notOnlyNegatesIn() {
    assertThat(expressionProblems("x not like \"a\""))
        .containsExactly(
            "1:7 Found [like], expected [in] or [in~] after [not]; other operators are negated as"
                + " [not (…)]");
  }

  @Test
  void patternsMustBeConstants() {
    // ES grammar: predicate : kind=(SEQ | LIKE | …) constant — no fields, no minus sign.
    assertThat(expressionProblems("opcode : pid"))
        .containsExactly(
            "1:10 Found [pid], expected a string, number, boolean or null after [:]: patterns must"
                + " be constants");
    assertThat(expressionProblems("x like (\"a\", y)"))
        .containsExactly(
            "1:14 Found [y], expected a string, number, boolean or null after [like]: patterns"
                + " must be constants");
  }

  @Test
  void functionCallErrors() {
    assertThat(expressionProblems("startsWith~ x"))
        .containsExactly("1:13 Found [x], expected [(] after the function name [startsWith~]");
    assertThat(expressionProblems("f(a b)"))
        .containsExactly("1:5 Found [b], expected an operator, [,] or [)]");
    assertThat(expressionProblems("f("))
        .containsExactly("1:3 Found end of query, expected an expression");
    assertThat(expressionProblems("a.b(1)"))
        .containsExactly("1:4 Found [(], expected an operator or end of expression");
  }

  @Test
  void unknownCharacters() {
    assertThat(expressionProblems("a == #")).containsExactly("1:6 Found unexpected character [#]");
    assertThat(expressionProblems("a ~ b"))
        .containsExactly(
            "1:3 Found unexpected character [~], expected [~] only directly after a function name"
                + " or [in], [like], [regex]");
    assertThat(expressionProblems("a ! b")).containsExactly("1:3 Found [!], expected [!=] or [![]");
    assertThat(expressionProblems("a /* never closed"))
        .containsExactly("1:3 Found unterminated comment [/*], expected [*/] before the end");
  }

  @Test
  void sequenceStructure() {
    assertThat(problems("sequence where true"))
        .containsExactly("1:10 Found [where], expected [by], [with] or a stage [[ … ]]");
    assertThat(problems("sequence by x"))
        .containsExactly("1:14 Found end of query, expected a stage [[ … ]] or [![ … ]]");
    assertThat(problems("sequence [a where true] [b where true] until b"))
        .containsExactly("1:46 Found [b], expected a stage [[ … ]] after [until]");
    assertThat(problems("sequence [a where true"))
        .containsExactly("1:23 Found end of query, expected an operator or []]");
  }

  @Test
  void sequenceNeedsTwoEventsAndOnePositiveStage() {
    assertThat(problems("sequence [a where true]"))
        .containsExactly(
            "1:1 Found a sequence of [1] event, expected at least [2] stages (or [with runs=N] on"
                + " a stage)");
    assertThat(problems("sequence with maxspan=1s ![a where true] ![b where true]"))
        .containsExactly(
            "1:1 Found only missing-event stages [![ … ]], expected at least one stage [[ … ]]");
  }

  @Test
  void byAfterWithIsReported() {
    // ES LogicalPlanBuilder: "Please specify sequence [by] before [with] not after".
    assertThat(problems("sequence with maxspan=1m by x [a where true] [b where true]"))
        .containsExactly(
            "1:26 Found [by] after [with maxspan=…], expected the sequence's [by] keys before"
                + " [with]");
  }

  @Test
  void maxSpanErrors() {
    assertThat(problems("sequence with maxspan=5 [a where true] [b where true]"))
        .containsExactly(
            "1:23 Found time span [5] without a unit, expected one of [ms, s, m, h, d], as in"
                + " [5s]");
    assertThat(problems("sequence with maxspan=5sec [a where true] [b where true]"))
        .containsExactly("1:24 Found time unit [sec] in [5sec], expected one of [ms, s, m, h, d]");
    assertThat(problems("sequence with maxspan=1.5s [a where true] [b where true]"))
        .containsExactly("1:23 Found decimal time span [1.5], expected a positive integer");
    assertThat(problems("sequence with maxspan=0s [a where true] [b where true]"))
        .containsExactly("1:23 Found maxspan [0s], expected a positive value");
    assertThat(problems("sequence with maxspan==5s [a where true] [b where true]"))
        .containsExactly("1:22 Found [==], expected [=]");
    assertThat(problems("sequence with runs=5 [a where true] [b where true]"))
        .containsExactly("1:15 Found [runs], expected [maxspan]");
  }

  @Test
  void runsErrors() {
    assertThat(problems("sequence [a where true] with runs=0 [b where true]"))
        .containsExactly(
            "1:35 Found [runs=0], expected a whole number of runs between [1] and [100]");
    assertThat(problems("sequence [a where true] with runs=101 [b where true]"))
        .containsExactly(
            "1:35 Found [runs=101], expected a whole number of runs between [1] and [100]");
    assertThat(problems("sequence [a where true] with repeat=2 [b where true]"))
        .containsExactly("1:30 Found option [repeat], expected [runs]");
    assertThat(problems("sequence [a where true] with maxspan=2s [b where true]"))
        .containsExactly(
            "1:30 Found [maxspan], expected [runs]; [with maxspan=…] belongs right after"
                + " [sequence] or its [by] keys");
  }

  @Test
  void joinKeysMustBeFieldsAndAgreeInNumber() {
    assertThat(
            problems(
                "sequence [a where true] by unique_pid * 2, f(x) [b where true] by unique_ppid, y"))
        .containsExactly(
            "1:28 Found join key [unique_pid * 2], expected a field name",
            "1:44 Found join key [f(x)], expected a field name",
            "1:67 Found [2] join keys, expected [0] like the first stage: every stage needs the"
                + " same number of [by] keys");
    assertThat(problems("sample by h [a where true] by x [b where true]"))
        .containsExactly(
            "1:33 Found [0] join keys, expected [1] like the first stage: every stage needs the"
                + " same number of [by] keys");
  }

  @Test
  void missingEventsOnlyInSequences() {
    assertThat(problems("sample by h [a where true] ![b where true]"))
        .containsExactly(
            "1:28 Found a missing-event filter [![] in a sample, expected [[]: missing events are"
                + " supported only in sequences");
  }

  @Test
  void headAndTailArguments() {
    assertThat(problems("a where true | head"))
        .containsExactly("1:16 Found [0] arguments for pipe [head], expected exactly one");
    assertThat(problems("a where true | tail 1, 2"))
        .containsExactly("1:16 Found [2] arguments for pipe [tail], expected exactly one");
    assertThat(problems("a where true | head -1"))
        .containsExactly(
            "1:21 Found [-1] for pipe [head], expected an integer between [0] and [2147483647]");
    assertThat(problems("a where true | head x"))
        .containsExactly(
            "1:21 Found [x] for pipe [head], expected an integer between [0] and [2147483647]");
    assertThat(problems("a where true | head 2147483648"))
        .containsExactly(
            "1:21 Found [2147483648] for pipe [head], expected an integer between [0] and"
                + " [2147483647]");
    assertThat(problems("a where true | 5"))
        .containsExactly("1:16 Found [5], expected a pipe name: [head] or [tail]");
  }

  @Test
  void pythonOnlyConstructsAreNamedAndCollected() {
    assertThat(
            problems(
                "process where a == 1 and child of [process where true]"
                    + " | unique process_name parent_process_name | count | sort x | frobnicate"))
        .containsExactly(
            "1:26 [child of] is not supported by Elasticsearch EQL",
            "1:58 Pipe [unique] is not supported by Elasticsearch EQL, expected [head] or [tail]",
            "1:100 Pipe [count] is not supported by Elasticsearch EQL, expected [head] or [tail]",
            "1:108 Pipe [sort] is not supported by Elasticsearch EQL, expected [head] or [tail]",
            "1:117 Found unknown pipe [frobnicate], expected [head] or [tail]");
    assertThat(problems("join by pid [a where true] [b where true] until [c where true]"))
        .containsExactly("1:1 [join] is not supported by Elasticsearch EQL");
    assertThat(problems("sequence [a where true] fork [b where true]"))
        .containsExactly("1:25 [fork] is not supported by Elasticsearch EQL");
    assertThat(problems("registry where bytes_written_string_list[1] : \"EN\""))
        .containsExactly(
            "1:16 Array index [bytes_written_string_list[1]] is not supported by Elasticsearch"
                + " EQL");
    assertThat(problems("process where missing_field !: null"))
        .containsExactly(
            "1:29 [!:] is not supported by Elasticsearch EQL, expected [:] inside [not], as in [not"
                + " x : \"a\"]");
  }

  @Test
  void recoverableProblemsAreReportedWithTheFatalOne() {
    assertThat(problems("process where 'a' == 1 | sort x | head 1 2"))
        .containsExactly(
            "1:15 Found single-quoted string ['a'], expected a double-quoted string: use [\"] to"
                + " quote strings, not [']",
            "1:26 Pipe [sort] is not supported by Elasticsearch EQL, expected [head] or [tail]",
            "1:42 Found [2], expected [|] or end of query");
  }

  @Test
  void messageSummaryListsEveryProblem() {
    QueryException e =
        catchThrowableOfType(
            () -> EqlParser.parse("process where a = 1 | count"), QueryException.class);
    assertThat(e.getMessage())
        .isEqualTo(
            "Found 2 problems\n"
                + "line 1:17: Found [=], expected [==] to compare for equality\n"
                + "line 1:23: Pipe [count] is not supported by Elasticsearch EQL, expected [head]"
                + " or [tail]");
    assertThat(e.text()).isEqualTo("process where a = 1 | count");
  }

  @Test
  void keywordHintsOnlyForNameLikeKeywords() {
    assertThat(problems("process where sequence == 1"))
        .containsExactly(
            "1:15 Found [sequence], expected an expression; [sequence] is a keyword, write"
                + " [`sequence`] for a field");
    assertThat(problems("process where a == and"))
        .containsExactly("1:20 Found [and], expected an expression");
  }
}

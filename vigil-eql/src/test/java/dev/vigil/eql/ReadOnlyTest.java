package dev.vigil.eql;

import static dev.vigil.eql.EqlTestSupport.SCHEMA;
import static dev.vigil.eql.EqlTestSupport.event;
import static dev.vigil.eql.EqlTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a sequence reads of the events it never returns: every path any of its conditions, keys,
 * timestamp and tiebreaker read, however deep in an expression, through aliases and multi-fields.
 */
class ReadOnlyTest {
  private static CompiledEql compile(String query) {
    return EqlCompiler.compile(query, SCHEMA, settings());
  }

  @Test
  void aSequenceWithMissingStagesReadsThePathsOfAllItsConditions() {
    CompiledEql query =
        compile(
            "sequence by user with maxspan=1m"
                + " [a where length(path) > 3 and pid + 1 > 2]"
                + " ![b where cidrMatch(ip, \"10.0.0.0/8\") or not name in (\"x\", alias)]"
                + " until [c where -ratio < 0 and stringContains(title.keyword, \"q\")]");
    CompiledEql.ReadOnly readOnly = query.readOnly().orElseThrow();
    assertThat(readOnly.pathsRead())
        .containsExactlyInAnyOrder(
            "@timestamp",
            "id",
            "event.category",
            "user",
            "path",
            "pid",
            "ip",
            "name",
            "ratio",
            "title");
    // only the positive stage's events may be returned
    assertThat(
            readOnly
                .returnable()
                .test(event("{\"event\":{\"category\":\"a\"},\"path\":\"/tmp/x\",\"pid\":4}")))
        .isTrue();
    assertThat(
            readOnly
                .returnable()
                .test(event("{\"event\":{\"category\":\"b\"},\"ip\":\"10.1.2.3\"}")))
        .isFalse();
  }

  @Test
  void untilAloneIsReadOnly() {
    assertThat(
            compile("sequence by user [a where true] [b where true] until [c where name == \"x\"]")
                .readOnly()
                .orElseThrow()
                .pathsRead())
        .contains("name");
  }

  @Test
  void queriesThatMayReturnAllTheyReadHaveNone() {
    assertThat(compile("a where name == \"x\"").readOnly()).isEmpty();
    assertThat(compile("sequence by user [a where true] [b where true]").readOnly()).isEmpty();
    assertThat(compile("sample by user [a where true] [b where true]").readOnly()).isEmpty();
  }
}

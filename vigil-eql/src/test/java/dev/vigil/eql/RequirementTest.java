package dev.vigil.eql;

import static dev.vigil.eql.EqlTestSupport.SCHEMA;
import static dev.vigil.eql.EqlTestSupport.event;
import static dev.vigil.eql.EqlTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.match.Requirement;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code eventFilter().requirement()} derives from each query form. */
class RequirementTest {

  private static Map<String, Set<String>> clauses(String query) {
    return clauses(query, SCHEMA, settings());
  }

  private static Map<String, Set<String>> clauses(
      String query, Schema schema, EqlSettings settings) {
    return EqlCompiler.compile(query, schema, settings).eventFilter().requirement().clauses();
  }

  @Test
  void categoryAlone() {
    assertThat(clauses("process where true"))
        .isEqualTo(Map.of("event.category", Set.of("process")));
    assertThat(clauses("any where true")).isEmpty();
  }

  @Test
  void categoryAndInList() {
    assertThat(clauses("process where name in (\"cmd.exe\", \"PowerShell.EXE\") and pid > 4"))
        .isEqualTo(
            Map.of(
                "event.category", Set.of("process"), "name", Set.of("cmd.exe", "powershell.exe")));
    assertThat(clauses("any where name in~ (\"CMD.exe\")"))
        .isEqualTo(Map.of("name", Set.of("cmd.exe")));
  }

  @Test
  void matchRequiresItsValuesOrTheLongestLiteralRunsOfItsPatterns() {
    assertThat(clauses("any where name : \"CMD.exe\""))
        .isEqualTo(Map.of("name", Set.of("cmd.exe")));
    assertThat(clauses("any where name : (\"a\", \"B\")"))
        .isEqualTo(Map.of("name", Set.of("a", "b")));
    // a pattern requires its longest literal run, when it has one of 3 characters or more
    Requirement patterns =
        EqlCompiler.compile(
                "any where name like~ (\"CMD*\", \"*\\\\Power*Shell.exe\", \"sh\")",
                SCHEMA,
                settings())
            .eventFilter()
            .requirement();
    assertThat(patterns.toString()).isEqualTo("{name=[*cmd*, *shell.exe*, sh]}");
    assertThat(clauses("any where name : (\"a\", \"b?\")")).isEmpty();
    assertThat(clauses("any where name : \"*cm*\"")).isEmpty();
  }

  @Test
  void orOnOneFieldUnitesKeysAndOnSeveralRequiresNothing() {
    assertThat(clauses("any where name == \"a\" or name : \"B\" or name in (\"c\", \"d\")"))
        .isEqualTo(Map.of("name", Set.of("a", "b", "c", "d")));
    assertThat(clauses("any where (name == \"a\" and user == \"x\") or name == \"b\""))
        .isEqualTo(Map.of("name", Set.of("a", "b")));
    assertThat(clauses("any where name == \"a\" or user == \"b\"")).isEmpty();
    assertThat(clauses("process where name == \"a\" or pid == 1"))
        .isEqualTo(Map.of("event.category", Set.of("process")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not name == \"a\"",
        "name != \"a\"",
        "name not in (\"a\")",
        "name like \"a*\"",
        "name regex \"a\"",
        "name regex~ \"a\"",
        "startsWith(name, \"a\")",
        "name == 5",
        "name in (\"a\", 5)",
        "name == null",
        "name == user",
        "pid == 5",
        "ip == \"10.0.0.1\"",
        "version == \"1.2.3\"",
        "concat(name, \"\") == \"a\"",
        "name == \"a\" or true",
        "?unmapped == \"a\""
      })
  void otherFormsRequireNothing(String condition) {
    assertThat(clauses("any where " + condition)).isEmpty();
  }

  @Test
  void fieldsAreKeyedBySourcePath() {
    assertThat(clauses("any where alias == \"X\"")).isEqualTo(Map.of("name", Set.of("x")));
    assertThat(clauses("any where title == \"Hello World\""))
        .isEqualTo(Map.of("title", Set.of("hello world")));
    assertThat(clauses("any where lower == \"ABC\"")).isEqualTo(Map.of("lower", Set.of("abc")));
    assertThat(clauses("any where short == \"abc\"")).isEqualTo(Map.of("short", Set.of("abc")));
    assertThat(clauses("any where name like \"Cmd.exe\""))
        .isEqualTo(Map.of("name", Set.of("cmd.exe")));
  }

  /** Conjuncts on one multi-valued field keep one conjunct's keys: intersecting would be wrong. */
  @Test
  void sharedPathsOfConjunctsAreNotIntersected() {
    Event event = event("{\"event\":{\"category\":[\"process\",\"file\"]},\"tags\":[\"a\",\"b\"]}");
    for (String query :
        List.of(
            "any where tags == \"a\" and tags == \"b\"",
            "process where event.category == \"file\"",
            "any where tags : \"b\" and (tags == \"a\" or tags == \"c\")")) {
      EventPredicate filter = EqlCompiler.compile(query, SCHEMA, settings()).eventFilter();
      assertThat(filter.test(event)).as(query).isTrue();
      assertThat(filter.requirement().test(event)).as(query).isTrue();
    }
    assertThat(clauses("any where tags == \"a\" and tags in (\"a\", \"b\")"))
        .isEqualTo(Map.of("tags", Set.of("a")));
  }

  @Test
  void sequencesAndSamplesRequireWhatEveryStageRequires() {
    assertThat(
            clauses("sequence by user [process where name == \"a\"] [process where name : \"b\"]"))
        .isEqualTo(Map.of("event.category", Set.of("process"), "name", Set.of("a", "b")));
    assertThat(clauses("sequence [process where name == \"a\"] [file where user == \"b\"]"))
        .isEqualTo(Map.of("event.category", Set.of("process", "file")));
    assertThat(clauses("sequence [process where true] [any where true]")).isEmpty();
    assertThat(
            clauses("sequence [process where true] [process where true] until [file where true]"))
        .isEqualTo(Map.of("event.category", Set.of("process", "file")));
    assertThat(
            clauses(
                "sequence with maxspan=1s [process where true] ![network where true]"
                    + " [process where true]"))
        .isEqualTo(Map.of("event.category", Set.of("process", "network")));
    assertThat(clauses("sample by user [process where true] [file where name == \"a\"]"))
        .isEqualTo(Map.of("event.category", Set.of("process", "file")));
  }

  @Test
  void eachStageIsAnAlternative() {
    assertThat(
            EqlCompiler.compile(
                    "sequence [process where name == \"a\"] [file where user == \"b\"]",
                    SCHEMA,
                    settings())
                .eventFilter()
                .requirement()
                .alternatives())
        .containsExactly(
            Map.of("event.category", Set.of("process"), "name", Set.of("a")),
            Map.of("event.category", Set.of("file"), "user", Set.of("b")));
  }

  @Test
  void unmappedOrUnroutableFieldsRequireNothing() {
    EqlSettings dynamic = settings().withUnmappedFields(EqlSettings.UnmappedFields.DYNAMIC);
    assertThat(clauses("process where foo == \"a\"", SCHEMA, dynamic))
        .isEqualTo(Map.of("event.category", Set.of("process")));
    assertThat(clauses("process where true", SCHEMA, settings().withEventCategoryField("kind")))
        .isEmpty();

    Schema schema =
        Schema.of(
            List.of(
                FieldMapping.of("@timestamp", FieldType.DATE),
                FieldMapping.builder("event.category", FieldType.KEYWORD, "keyword")
                    .nullValue("process")
                    .build(),
                FieldMapping.builder("withNull", FieldType.KEYWORD, "keyword")
                    .nullValue("a")
                    .build(),
                FieldMapping.builder("custom", FieldType.KEYWORD, "keyword")
                    .normalizer("asciifolding")
                    .build(),
                FieldMapping.of("constant", FieldType.CONSTANT_KEYWORD),
                FieldMapping.builder("fixed", FieldType.CONSTANT_KEYWORD, "constant_keyword")
                    .constantValue("a")
                    .build(),
                FieldMapping.of("kind", FieldType.WILDCARD)));
    EqlSettings plain = EqlSettings.defaults();
    // An explicit null indexes the null_value, so a match needs no source value at all.
    assertThat(clauses("process where withNull == \"a\"", schema, plain)).isEmpty();
    assertThat(clauses("any where custom == \"a\"", schema, plain)).isEmpty();
    // a constant_keyword indexes the event's value, unless its mapping sets one for every event
    assertThat(clauses("any where constant == \"a\"", schema, plain))
        .isEqualTo(Map.of("constant", Set.of("a")));
    assertThat(clauses("any where fixed == \"a\"", schema, plain)).isEmpty();
    assertThat(clauses("process where kind : \"X\"", schema, plain.withEventCategoryField("kind")))
        .isEqualTo(Map.of("kind", Set.of("process")));
  }
}

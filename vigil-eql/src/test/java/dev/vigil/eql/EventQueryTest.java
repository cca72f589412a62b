package dev.vigil.eql;

import static dev.vigil.eql.EqlTestSupport.SCHEMA;
import static dev.vigil.eql.EqlTestSupport.event;
import static dev.vigil.eql.EqlTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.event.Event;
import dev.vigil.core.source.QueryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operator, function, type and null corners of event queries, on one hand-written event. */
class EventQueryTest {
  private static final Event E =
      event(
          "{\"@timestamp\":\"2024-01-01T00:00:00Z\",\"event\":{\"category\":[\"process\",\"file\"]},"
              + "\"id\":1,\"name\":\"Cmd.EXE\",\"tags\":[\"a\",\"b\"],\"pid\":83,\"ratio\":0.5,"
              + "\"ip\":\"10.1.2.3\",\"version\":\"1.11.3\",\"flag\":true,\"user\":null,"
              + "\"short\":\"toolong\",\"lower\":\"MiXeD\",\"title\":\"Hello World\","
              + "\"path\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\"}");

  static boolean matches(String condition) {
    return EqlCompiler.compile("any where " + condition, SCHEMA, settings()).eventFilter().test(E);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "name == \"Cmd.EXE\"|true",
        "name == \"cmd.exe\"|false",
        "name : \"cmd.exe\"|true",
        "name : \"CMD*\"|true",
        "name : (\"x\", \"*.ExE\")|true",
        "name : \"c?d.exe\"|true",
        "name like \"Cmd*\"|true",
        "name like \"cmd*\"|false",
        "name like~ \"cmd*\"|true",
        "name regex \"C.d\\\\.EXE\"|true",
        "name regex \"c.d\\\\.exe\"|false",
        "name regex~ \"c.d\\\\.exe\"|true",
        "name regex \"Cmd\"|false",
        "name in (\"Cmd.EXE\", \"x\")|true",
        "name in (\"cmd.exe\")|false",
        "name in~ (\"cmd.exe\")|true",
        "name in~ (\"cmd*\")|false",
        "name not in (\"x\")|true",
        "name != \"x\"|true",
        "alias == \"Cmd.EXE\"|true",
        "pid == 83|true",
        "pid / 2 == 41|true",
        "pid / 2.0 == 41|false",
        "pid % 10 == 3|true",
        "-pid < 0|true",
        "pid + ratio == 83.5|true",
        "pid > 80 and pid <= 83|true",
        "ratio >= 0.5|true",
        "ip == \"10.1.2.3\"|true",
        "cidrMatch(ip, \"10.0.0.0/8\")|true",
        "cidrMatch(ip, \"192.168.0.0/16\", \"10.1.2.0/24\")|true",
        "cidrMatch(ip, \"192.168.0.0/16\")|false",
        "version > \"1.5.0\"|true",
        "version < \"1.5.0\"|false",
        "@timestamp == \"2024-01-01T00:00:00.000Z\"|true",
        "@timestamp < \"2024-01-02\"|true",
        "flag == true|true",
        "flag|true",
        "tags == \"b\"|true",
        "tags != \"b\"|false",
        "tags : \"A\"|true",
        "user == null|true",
        "user != null|false",
        "?missing == null|true",
        "?missing|false",
        "not ?missing|false",
        "pid > -1|true",
        "user > \"a\"|false",
        "not (user > \"a\")|false",
        "null == (user > \"a\")|true",
        "short == \"toolong\"|false",
        "lower == \"mixed\"|true",
        "title == \"Hello World\"|true",
        "startsWith(name, \"Cmd\")|true",
        "startsWith(name, \"cmd\")|false",
        "startsWith~(name, \"cmd\")|true",
        "endsWith~(name, \".exe\")|true",
        "stringContains(name, \"d.E\")|true",
        "stringContains~(name, \"D.e\")|true",
        "indexOf(name, \".\") == 3|true",
        "indexOf~(name, \"exe\") == 4|true",
        "indexOf(name, \"zzz\") == null|true",
        "length(name) == 7|true",
        "concat(name, \"-\", pid) == \"Cmd.EXE-83\"|true",
        "concat(name, user) == null|true",
        "substring(name, 0, 3) == \"Cmd\"|true",
        "substring(name, -3) == \"EXE\"|true",
        "between(path, \"System32\\\\\", \".exe\") == \"cmd\"|true",
        "between(path, \"system32\\\\\", \".exe\") == \"\"|true",
        "between~(path, \"system32\\\\\", \".exe\") == \"cmd\"|true",
        "number(\"42\") == 42|true",
        "number(\"0x2A\", 16) == 42|true",
        "string(pid) == \"83\"|true",
        "add(pid, 1) == 84|true",
        "subtract(pid, 3) == 80|true",
        "multiply(pid, 2) == 166|true",
        "divide(pid, 2) == 41|true",
        "modulo(pid, 10) == 3|true",
        "path : \"C:\\\\Windows\\\\*\\\\cmd.exe\"|true",
        "name == \"Cmd.EXE\" or user > \"a\"|true",
        "name == \"x\" or user > \"a\"|false",
      })
  void operators(String condition, boolean expected) {
    assertThat(matches(condition)).as(condition).isEqualTo(expected);
  }

  @Test
  void categoryMatchesAnyValueCaseSensitively() {
    assertThat(EqlCompiler.compile("file where true", SCHEMA, settings()).eventFilter().test(E))
        .isTrue();
    assertThat(EqlCompiler.compile("File where true", SCHEMA, settings()).eventFilter().test(E))
        .isFalse();
  }

  @Test
  void collectsAllProblems() {
    assertThatThrownBy(
            () ->
                EqlCompiler.compile(
                    "process where nope == 1 and lenght(name) == 2 and length(pid) == 1",
                    SCHEMA,
                    settings()))
        .isInstanceOf(QueryException.class)
        .hasMessageStartingWith("Found 3 problems")
        .hasMessageContaining("Unknown column [nope]")
        .hasMessageContaining("Unknown function [lenght], did you mean [length]?")
        .hasMessageContaining("must be [string]");
  }

  @Test
  void typeErrors() {
    assertThatThrownBy(() -> EqlCompiler.compile("any where name == pid", SCHEMA, settings()))
        .hasMessageContaining("is [keyword] so second argument must also be [keyword]");
    assertThatThrownBy(() -> EqlCompiler.compile("any where message == \"x\"", SCHEMA, settings()))
        .hasMessageContaining("No keyword/multi-field defined exact matches for [message]");
    assertThatThrownBy(() -> EqlCompiler.compile("any where pid", SCHEMA, settings()))
        .hasMessageContaining("Condition expression needs to be boolean, found [long]");
    assertThatThrownBy(() -> EqlCompiler.compile("any where add(pid)", SCHEMA, settings()))
        .hasMessageContaining("function [add] expects exactly [2] arguments, found [1]");
    assertThatThrownBy(() -> EqlCompiler.compile("any where add~(pid, 1) == 2", SCHEMA, settings()))
        .hasMessageContaining("does not support case-insensitive matching");
    assertThatThrownBy(
            () ->
                EqlCompiler.compile("any where cidrMatch(ip, \"10.0.0.0/99\")", SCHEMA, settings()))
        .hasMessageContaining("is not a valid CIDR notation");
  }

  @Test
  void unmappedFieldsDynamicSetting() {
    EqlSettings dynamic = settings().withUnmappedFields(EqlSettings.UnmappedFields.DYNAMIC);
    Event e = event("{\"id\":1,\"extra\":{\"count\":5,\"text\":\"Abc\"}}");
    assertThat(
            EqlCompiler.compile(
                    "any where extra.count > 4 and extra.text : \"abc\"", SCHEMA, dynamic)
                .eventFilter()
                .test(e))
        .isTrue();
  }

  @Test
  void regexBudgetIsNamedAndTested() {
    EqlSettings small = settings().withMaxRegexStates(50);
    assertThatThrownBy(() -> EqlCompiler.compile("any where name regex \"a{100}\"", SCHEMA, small))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("is too complex: it needs more than [50] automaton states")
        .hasMessageContaining("maxRegexStates");
  }

  @Test
  void headTailAndSize() {
    java.util.List<Event> events = new java.util.ArrayList<>();
    for (int i = 5; i >= 1; i--) {
      events.add(event("{\"@timestamp\":" + i + ",\"id\":" + i + "}"));
    }
    CompiledEql all = EqlCompiler.compile("any where true", SCHEMA, settings());
    assertThat(EqlTestSupport.ids(all.execute(events, 50))).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(EqlTestSupport.ids(all.execute(events, 2))).containsExactly(1L, 2L);
    CompiledEql tail = EqlCompiler.compile("any where true | tail 2", SCHEMA, settings());
    assertThat(EqlTestSupport.ids(tail.execute(events, 50))).containsExactly(4L, 5L);
    CompiledEql both = EqlCompiler.compile("any where true | head 4 | tail 2", SCHEMA, settings());
    assertThat(EqlTestSupport.ids(both.execute(events, 50))).containsExactly(3L, 4L);
  }
}

package dev.vigil.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DefaultSchemaTest {
  private final Schema schema = DefaultSchema.get();

  private FieldMapping field(String path) {
    return schema.field(path).orElseThrow(() -> new AssertionError("no field " + path));
  }

  @Test
  void hasDefendProcessFieldsWithTheirMultiFields() {
    assertThat(field("process.name").type()).isEqualTo(FieldType.KEYWORD);
    assertThat(field("process.name").ignoreAbove()).isEqualTo(1024);
    assertThat(field("process.name.caseless").lowercases()).isTrue();
    assertThat(field("process.name.caseless").multiFieldOf()).contains("process.name");
    assertThat(field("process.name.text").type()).isEqualTo(FieldType.TEXT);
    assertThat(field("process.command_line").type()).isEqualTo(FieldType.WILDCARD);
    assertThat(field("process.command_line.caseless").multiFieldOf())
        .contains("process.command_line");
    assertThat(field("process.session_leader.name.caseless").lowercases()).isTrue();
  }

  @Test
  void hasEcsTypes() {
    assertThat(field("@timestamp").type()).isEqualTo(FieldType.DATE);
    assertThat(field("event.ingested").type()).isEqualTo(FieldType.DATE);
    assertThat(field("process.pid").type()).isEqualTo(FieldType.LONG);
    assertThat(field("process.args").type()).isEqualTo(FieldType.KEYWORD);
    assertThat(field("host.ip").type()).isEqualTo(FieldType.IP);
    assertThat(field("data_stream.dataset").type()).isEqualTo(FieldType.CONSTANT_KEYWORD);
    assertThat(field("process.entry_leader.entry_meta.source.ip").type()).isEqualTo(FieldType.IP);
    assertThat(field("user.name.text").type()).isEqualTo(FieldType.MATCH_ONLY_TEXT);
    assertThat(field("process.parent.ppid").type()).isEqualTo(FieldType.LONG);
    assertThat(field("process.interactive").type()).isEqualTo(FieldType.BOOLEAN);
    assertThat(field("dns.answers").type()).isEqualTo(FieldType.OBJECT);
    assertThat(schema.size()).isGreaterThan(2500);
  }

  @Test
  void everyMultiFieldHasALeafParent() {
    for (FieldMapping mapping : schema.fields()) {
      mapping
          .multiFieldOf()
          .ifPresent(parent -> assertThat(field(parent).type().isContainer()).as(parent).isFalse());
    }
  }

  @Test
  void tableRowsBecomeMappings() throws IOException {
    Schema parsed =
        DefaultSchema.parseTable(
            new BufferedReader(
                new StringReader(
                    "# header\n"
                        + "a\tkeyword\tignore_above=10,array=true\n"
                        + "a.lower\tkeyword\tnormalizer=lowercase\n"
                        + "o\tobject\n"
                        + "o.x\tscaled_float\tscaling_factor=10\n")));
    assertThat(parsed.field("a").orElseThrow().ignoreAbove()).isEqualTo(10);
    assertThat(parsed.field("a.lower").orElseThrow().multiFieldOf()).contains("a");
    assertThat(parsed.field("o.x").orElseThrow().isMultiField()).isFalse();
    assertThat(parsed.field("o.x").orElseThrow().scalingFactor()).contains(10.0);
  }
}

package dev.vigil.cli;

import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.MappingParser;
import dev.vigil.core.schema.Schema;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --mapping}: an Elasticsearch mapping laid over the built-in ECS + Defend schema. */
final class SchemaOption {

  @Option(
      names = "--mapping",
      paramLabel = "FILE",
      description =
          "An Elasticsearch mapping (JSON) for fields the built-in ECS and Elastic Defend schema"
              + " lacks or maps differently; its fields win.")
  Path mapping;

  Schema schema() {
    Schema schema = DefaultSchema.get();
    return mapping == null ? schema : schema.overlaidWith(MappingParser.parse(mapping));
  }
}

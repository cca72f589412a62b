package dev.vigil.cli;

import dev.vigil.core.schema.DefaultSchema;
import dev.vigil.core.schema.MappingParser;
import dev.vigil.core.schema.Schema;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --mapping}: an Elasticsearch mapping laid over the built-in ECS + Defend schema; {@code
 * --schema}: a mapping used instead of it, for data that is not ECS.
 */
final class SchemaOption {

  @Option(
      names = "--schema",
      paramLabel = "FILE",
      description =
          "An Elasticsearch mapping (JSON) to use instead of the built-in ECS and Elastic Defend"
              + " schema.")
  Path replacement;

  @Option(
      names = "--mapping",
      paramLabel = "FILE",
      description =
          "An Elasticsearch mapping (JSON) for fields the built-in ECS and Elastic Defend schema"
              + " lacks or maps differently; its fields win.")
  Path mapping;

  Schema schema() {
    Schema schema = replacement == null ? DefaultSchema.get() : MappingParser.parse(replacement);
    return mapping == null ? schema : schema.overlaidWith(MappingParser.parse(mapping));
  }
}

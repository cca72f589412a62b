package dev.vigil.engine.compile;

import dev.vigil.core.match.EventPredicate;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Span;
import dev.vigil.engine.hunt.CompiledRule;
import dev.vigil.eql.EqlCompiler;
import dev.vigil.eql.EqlSettings;
import dev.vigil.kql.compile.FilterCompiler;
import dev.vigil.kql.compile.KqlCompiler;
import dev.vigil.kql.compile.LuceneCompiler;
import dev.vigil.rules.model.ExceptionItem;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.TypeParameters;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes a loaded rule ready to run: compiles its query in its language and its filters against the
 * schema, once. Rules Vigil cannot run come back as {@link CompiledRule.Unsupported} with the
 * reason; a query or filter the user must fix is a {@link QueryException}.
 */
public final class RuleCompiler {
  private RuleCompiler() {}

  /**
   * How an eql rule's query is run: the rule's category, timestamp and tiebreaker fields, and
   * fields the schema does not map read from the events (rules run over data without mappings).
   */
  public static EqlSettings eqlSettings(Rule rule) {
    EqlSettings settings =
        EqlSettings.defaults().withUnmappedFields(EqlSettings.UnmappedFields.DYNAMIC);
    if (rule.parameters() instanceof TypeParameters.Eql eql) {
      settings =
          settings
              .withEventCategoryField(eql.eventCategoryOverride().orElse("event.category"))
              .withTimestampField(eql.timestampField().orElse("@timestamp"))
              .withTiebreakerField(eql.tiebreakerField());
    }
    return settings;
  }

  /**
   * Compiles {@code rule}; its exceptions are the loaded {@code exceptionItems} of the lists it
   * references, and what cannot be applied of them is reported to {@code warnings}.
   */
  public static CompiledRule compile(
      Rule rule, Schema schema, List<ExceptionItem> exceptionItems, Consumer<String> warnings) {
    String unsupported =
        switch (rule.type()) {
          case ESQL -> "ES|QL rules are not supported yet";
          case MACHINE_LEARNING ->
              "machine_learning rules read the results of Elastic's anomaly detection jobs,"
                  + " which Vigil does not run";
          case THREAT_MATCH -> "threat_match (indicator match) rules are not supported yet";
          case QUERY, SAVED_QUERY, EQL, NEW_TERMS, THRESHOLD -> null;
        };
    if (unsupported != null) {
      return new CompiledRule.Unsupported(rule, unsupported);
    }
    EventPredicate filters =
        rule.filters().isEmpty()
            ? EventPredicate.always()
            : FilterCompiler.compile(rule.filters(), schema);
    Exceptions exceptions = ExceptionCompiler.compile(rule, exceptionItems, schema, warnings);
    String query = rule.query().orElseThrow();
    String language = rule.language().orElse("kuery");
    if (rule.parameters() instanceof TypeParameters.Eql) {
      EqlSettings settings = eqlSettings(rule);
      return new CompiledRule.Eql(
          rule, filters, exceptions, EqlCompiler.compile(query, schema, settings));
    }
    EventPredicate condition =
        switch (language) {
          case "lucene" -> LuceneCompiler.compile(query, schema);
          case "kuery" -> KqlCompiler.compile(query, schema);
          default ->
              throw new QueryException(
                  query,
                  new Problem(
                      Span.of(query, 0, 0),
                      "a "
                          + rule.type().ruleName()
                          + " rule's language must be kuery or lucene, found ["
                          + language
                          + "]"));
        };
    return new CompiledRule.Searchable(rule, condition.and(filters), exceptions);
  }
}

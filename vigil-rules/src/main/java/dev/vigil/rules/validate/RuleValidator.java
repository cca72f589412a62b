package dev.vigil.rules.validate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Snippets;
import dev.vigil.core.source.Span;
import dev.vigil.core.time.DateMath;
import dev.vigil.core.time.DateMathException;
import dev.vigil.eql.EqlCompiler;
import dev.vigil.eql.EqlSettings;
import dev.vigil.kql.ast.KqlNode;
import dev.vigil.kql.compile.FilterCompiler;
import dev.vigil.kql.compile.KqlCompiler;
import dev.vigil.kql.compile.LuceneCompiler;
import dev.vigil.kql.lucene.LuceneParser;
import dev.vigil.kql.lucene.LuceneQuery;
import dev.vigil.kql.parser.KqlParser;
import dev.vigil.rules.load.KeyPosition;
import dev.vigil.rules.load.RuleLoadException;
import dev.vigil.rules.load.RuleLoader;
import dev.vigil.rules.model.Rule;
import dev.vigil.rules.model.RuleSource;
import dev.vigil.rules.model.RuleType;
import dev.vigil.rules.model.TypeParameters;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates loaded rules against a {@link Schema} the way Kibana and Elasticsearch would judge
 * them, without running them: each rule is {@link ValidationStatus#OK}, {@link
 * ValidationStatus#UNSUPPORTED} (esql, machine_learning) or {@link ValidationStatus#ERROR}, with
 * warnings.
 *
 * <p>Checks, each with the source it follows:
 *
 * <ul>
 *   <li>The query parses and analyzes in its language: EQL ({@link EqlCompiler}, with unmapped
 *       fields read dynamically so that a field missing from the schema does not fail the rule),
 *       KQL ({@link KqlCompiler}) or Lucene ({@link LuceneCompiler}); the rule's {@code filters}
 *       compile ({@link FilterCompiler}); for threat_match also {@code threat_query} in {@code
 *       threat_language} and {@code threat_filters}.
 *   <li>The language fits the type: eql rules take {@code eql}; query, saved_query, threshold,
 *       new_terms and threat_match rules take {@code kuery} or {@code lucene} (Kibana {@code
 *       common/api/detection_engine/model/rule_schema/rule_schemas.gen.ts}: {@code
 *       EqlQueryLanguage}, {@code KqlQueryLanguage}); so does {@code threat_language} ({@code
 *       threat_match_attributes.gen.ts}).
 *   <li>{@code from} is valid date math (Kibana's {@code From} type validates it with
 *       {@code @elastic/datemath}).
 *   <li>new_terms: {@code history_window_start} is valid date math and earlier than {@code from}
 *       (Kibana {@code rule_types/new_terms/utils.ts} {@code validateHistoryWindowStart}, run by
 *       the executor, which fails every execution otherwise).
 *   <li>threshold: at most 5 group-by fields ({@code threshold_attributes.gen.ts} {@code
 *       ThresholdField}), cardinality values of at least 0, and no cardinality on a group-by field
 *       (Kibana {@code validateThresholdBase}: "Cardinality of a field that is being aggregated on
 *       is always 1").
 *   <li>threat_match: at least one {@code threat_mapping} entry ({@code ThreatMapping.min(1)}).
 * </ul>
 *
 * <p>Fields the schema does not know are warnings with a "did you mean" suggestion, never errors:
 * rules are written against integration mappings a given schema may lack. EQL's come from a second,
 * strict analysis ({@code Unknown column [x]}, as Elasticsearch words it); KQL's and Lucene's from
 * the field names in the parsed query ({@link FieldReferences}, {@link FieldCatalog}); rule-level
 * fields (new_terms and threshold fields, suppression group-by, threat mapping fields, EQL field
 * settings) are checked the same way.
 *
 * <p>Problems are located in the rule's file ({@code file:line:column}): inside a query, from the
 * query's position the loader recorded plus the problem's span, decoding the file's string escapes
 * ({@link RuleFileText}); elsewhere at the key's line.
 *
 * <p>Lifecycle: create once per schema and validate any number of rules; it caches suggestions and
 * the text of files it had to read again for positions. Thread-safe.
 */
public final class RuleValidator {
  private final Schema schema;
  private final FieldCatalog catalog;
  private final Clock clock;
  private final Map<Path, Optional<RuleFileText>> files = new ConcurrentHashMap<>();

  /** A validator against {@code schema}, evaluating date math with the system UTC clock. */
  public RuleValidator(Schema schema) {
    this(schema, Clock.systemUTC());
  }

  /** A validator against {@code schema}; {@code clock} gives {@code now} for date math checks. */
  public RuleValidator(Schema schema, Clock clock) {
    this.schema = requireNonNull(schema, "schema is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.catalog = new FieldCatalog(schema);
  }

  /**
   * Validates everything loaded: each rule, and each load problem as an {@link
   * ValidationStatus#ERROR} result for its file. Results are ordered by file, then line.
   */
  public ValidationReport validate(RuleLoader.Result loaded) {
    // Rules are independent and the validator is thread-safe: use every core (a corpus of 2,000
    // rules is mostly parse and analysis work).
    List<ValidationResult> results =
        new ArrayList<>(loaded.rules().parallelStream().map(this::validate).toList());
    for (RuleLoadException problem : loaded.problems()) {
      results.add(loadError(problem));
    }
    results.sort(
        Comparator.comparing((ValidationResult result) -> result.file().toString())
            .thenComparingInt(ValidationResult::line));
    return ValidationReport.of(results);
  }

  /** Loads {@code paths} (files or directories) and validates what they hold. */
  public ValidationReport validate(List<Path> paths) {
    return validate(RuleLoader.load(paths));
  }

  /** The result for a file, or a rule in it, that did not load. */
  public static ValidationResult loadError(RuleLoadException problem) {
    Path file = problem.file().orElse(Path.of(""));
    Diagnostic error =
        new Diagnostic(
            file,
            problem.line(),
            problem.line() == 0 ? 0 : problem.column(),
            problem.file().isPresent() ? problem.detail() : problem.getMessage(),
            Optional.empty());
    return new ValidationResult(
        file,
        problem.line(),
        problem.ruleId(),
        problem.ruleName(),
        problem.ruleType(),
        ValidationStatus.ERROR,
        Optional.empty(),
        List.of(error),
        List.of());
  }

  /** Validates one loaded rule. */
  public ValidationResult validate(Rule rule) {
    Findings findings = new Findings(rule);
    Optional<String> unsupported = unsupportedReason(rule.type());
    if (unsupported.isEmpty()) {
      boolean languageFits = checkLanguage(rule, findings);
      checkSchedule(rule, findings);
      checkParameters(rule, findings);
      if (languageFits) {
        checkQuery(
            rule.query().orElseThrow(),
            rule.language().orElse("kuery"),
            "query",
            rule.parameters(),
            findings);
      }
      checkFilters(rule.filters(), "filters", findings);
      if (rule.parameters() instanceof TypeParameters.ThreatMatch threatMatch) {
        if (isKqlLanguage(threatMatch.threatLanguage())) {
          checkQuery(
              threatMatch.threatQuery(),
              threatMatch.threatLanguage(),
              "threat_query",
              threatMatch,
              findings);
        }
        checkFilters(threatMatch.threatFilters(), "threat_filters", findings);
      }
      checkRuleFields(rule, findings);
    }
    ValidationStatus status =
        !findings.errors.isEmpty()
            ? ValidationStatus.ERROR
            : unsupported.isPresent() ? ValidationStatus.UNSUPPORTED : ValidationStatus.OK;
    return new ValidationResult(
        rule.source().file(),
        rule.source().line(),
        Optional.of(rule.ruleId()),
        Optional.of(rule.name()),
        Optional.of(rule.type().ruleName()),
        status,
        unsupported,
        findings.errors,
        findings.warnings);
  }

  /** Why Vigil does not run rules of {@code type}, or empty when it does. */
  private static Optional<String> unsupportedReason(RuleType type) {
    return switch (type) {
      case ESQL -> Optional.of("ES|QL rules are not supported yet");
      case MACHINE_LEARNING ->
          Optional.of(
              "machine_learning rules read the results of Elastic's anomaly detection jobs,"
                  + " which Vigil does not run");
      case QUERY, SAVED_QUERY, EQL, NEW_TERMS, THRESHOLD, THREAT_MATCH -> Optional.empty();
    };
  }

  // ---------------------------------------------------------------------------------------------
  // rule-level checks

  /** True when the language fits the type, so that the query can be checked in it. */
  private static boolean checkLanguage(Rule rule, Findings findings) {
    String language = rule.language().orElse("");
    if (rule.type() == RuleType.EQL) {
      if (!language.equals("eql")) {
        findings.errorAtKey(
            "language", "[language] of an eql rule must be [eql], found [" + language + "]");
        return false;
      }
      return true;
    }
    if (!isKqlLanguage(language)) {
      findings.errorAtKey(
          "language",
          "[language] of a "
              + rule.type().ruleName()
              + " rule must be [kuery] or [lucene], found ["
              + language
              + "]");
      return false;
    }
    return true;
  }

  private static boolean isKqlLanguage(String language) {
    return language.equals("kuery") || language.equals("lucene");
  }

  private void checkSchedule(Rule rule, Findings findings) {
    dateMath(rule.schedule().from(), "from", findings);
  }

  private Optional<Instant> dateMath(String expression, String key, Findings findings) {
    try {
      return Optional.of(DateMath.evaluate(expression, clock.instant()));
    } catch (DateMathException e) {
      findings.errorAtKey(
          key, "[" + key + "] is not valid date math [" + expression + "]: " + e.getMessage());
      return Optional.empty();
    }
  }

  private void checkParameters(Rule rule, Findings findings) {
    TypeParameters parameters = rule.parameters();
    if (parameters instanceof TypeParameters.NewTerms newTerms) {
      Optional<Instant> history =
          dateMath(newTerms.historyWindowStart(), "history_window_start", findings);
      Optional<Instant> from = evaluateQuietly(rule.schedule().from());
      if (history.isPresent() && from.isPresent() && !history.get().isBefore(from.get())) {
        // Kibana's own wording (new_terms/utils.ts validateHistoryWindowStart).
        findings.errorAtKey(
            "history_window_start",
            "History window size is smaller than rule interval + additional lookback,"
                + " 'historyWindowStart' must be earlier than 'from' (["
                + newTerms.historyWindowStart()
                + "] is not earlier than ["
                + rule.schedule().from()
                + "])");
      }
    } else if (parameters instanceof TypeParameters.Threshold threshold) {
      if (threshold.fields().size() > 5) {
        findings.errorAtKey(
            "threshold.field",
            "[threshold.field] Number of fields must be 5 or less, found "
                + threshold.fields().size());
      }
      for (TypeParameters.Threshold.Cardinality cardinality : threshold.cardinality()) {
        if (cardinality.value() < 0) {
          findings.errorAtKey(
              "threshold.cardinality",
              "[threshold.cardinality] value must be at least 0, found ["
                  + cardinality.value()
                  + "]");
        }
        if (threshold.fields().contains(cardinality.field())) {
          findings.errorAtKey(
              "threshold.cardinality",
              "[threshold.cardinality] Cardinality of a field that is being aggregated on is"
                  + " always 1: ["
                  + cardinality.field()
                  + "] is also a [threshold.field]");
        }
      }
    } else if (parameters instanceof TypeParameters.ThreatMatch threatMatch) {
      if (threatMatch.threatMapping().isEmpty()) {
        findings.errorAtKey("threat_mapping", "[threat_mapping] must have at least one entry");
      }
      if (!isKqlLanguage(threatMatch.threatLanguage())) {
        findings.errorAtKey(
            "threat_language",
            "[threat_language] must be [kuery] or [lucene], found ["
                + threatMatch.threatLanguage()
                + "]");
      }
    }
  }

  private Optional<Instant> evaluateQuietly(String expression) {
    try {
      return Optional.of(DateMath.evaluate(expression, clock.instant()));
    } catch (DateMathException e) {
      return Optional.empty(); // reported by the check of that key
    }
  }

  /** Warns about rule-level field names the schema does not know. */
  private void checkRuleFields(Rule rule, Findings findings) {
    TypeParameters parameters = rule.parameters();
    if (parameters instanceof TypeParameters.NewTerms newTerms) {
      newTerms.fields().forEach(field -> fieldWarning(field, "new_terms_fields", findings));
    } else if (parameters instanceof TypeParameters.Threshold threshold) {
      threshold.fields().forEach(field -> fieldWarning(field, "threshold.field", findings));
      threshold
          .cardinality()
          .forEach(entry -> fieldWarning(entry.field(), "threshold.cardinality", findings));
    } else if (parameters instanceof TypeParameters.ThreatMatch threatMatch) {
      for (List<TypeParameters.ThreatMatch.MappingEntry> group : threatMatch.threatMapping()) {
        for (TypeParameters.ThreatMatch.MappingEntry entry : group) {
          fieldWarning(entry.field(), "threat_mapping", findings);
        }
      }
    } else if (parameters instanceof TypeParameters.Eql eql) {
      eql.eventCategoryOverride()
          .ifPresent(field -> fieldWarning(field, "event_category_override", findings));
      eql.tiebreakerField().ifPresent(field -> fieldWarning(field, "tiebreaker_field", findings));
      eql.timestampField().ifPresent(field -> fieldWarning(field, "timestamp_field", findings));
    }
    rule.alertSuppression()
        .ifPresent(
            suppression ->
                suppression
                    .groupBy()
                    .forEach(field -> fieldWarning(field, "alert_suppression", findings)));
  }

  private void fieldWarning(String field, String key, Findings findings) {
    if (!catalog.known(field)) {
      findings.warningAtKey(
          key, "Unknown field [" + field + "] in [" + key + "]" + catalog.didYouMean(field));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // queries and filters

  private void checkQuery(
      String query, String language, String key, TypeParameters parameters, Findings findings) {
    try {
      switch (language) {
        case "eql" -> checkEql(query, key, parameters, findings);
        case "lucene" -> {
          LuceneQuery parsed = LuceneParser.parse(query);
          LuceneCompiler.compile(query, schema);
          for (FieldReferences.Reference reference : FieldReferences.lucene(parsed, query)) {
            queryFieldWarning(reference, query, key, findings);
          }
        }
        default -> {
          KqlNode parsed = KqlParser.parse(query);
          KqlCompiler.compile(query, schema);
          for (FieldReferences.Reference reference : FieldReferences.kql(parsed)) {
            queryFieldWarning(reference, query, key, findings);
          }
        }
      }
    } catch (QueryException e) {
      for (Problem problem : e.problems()) {
        findings.errors.add(findings.inString(key, query, problem.span(), problem.message()));
      }
    }
  }

  private void checkEql(String query, String key, TypeParameters parameters, Findings findings) {
    EqlSettings settings = EqlSettings.defaults();
    if (parameters instanceof TypeParameters.Eql eql) {
      // The request parameters Kibana's EQL executor sends (DE/eql/build_eql_search_request.ts).
      settings =
          settings
              .withEventCategoryField(eql.eventCategoryOverride().orElse("event.category"))
              .withTimestampField(eql.timestampField().orElse("@timestamp"))
              .withTiebreakerField(eql.tiebreakerField());
    }
    // Errors come from the dynamic analysis, so that only problems other than unmapped fields fail
    // the rule (it would run on indices that map them); throws QueryException on those.
    EqlCompiler.compile(
        query, schema, settings.withUnmappedFields(EqlSettings.UnmappedFields.DYNAMIC));
    try {
      EqlCompiler.compile(
          query, schema, settings.withUnmappedFields(EqlSettings.UnmappedFields.STRICT));
    } catch (QueryException e) {
      for (Problem problem : e.problems()) {
        if (problem.message().startsWith("Unknown column [")) {
          findings.warnings.add(findings.inString(key, query, problem.span(), problem.message()));
        }
      }
    }
  }

  private void queryFieldWarning(
      FieldReferences.Reference reference, String query, String key, Findings findings) {
    if (reference.pattern()) {
      if (!catalog.matchesAny(reference.name())) {
        findings.warnings.add(
            findings.inString(
                key,
                query,
                reference.span(),
                "Field pattern [" + reference.name() + "] matches no field of the schema"));
      }
      return;
    }
    if (!catalog.known(reference.name())) {
      findings.warnings.add(
          findings.inString(
              key,
              query,
              reference.span(),
              "Unknown field [" + reference.name() + "]" + catalog.didYouMean(reference.name())));
    }
  }

  private void checkFilters(List<JsonNode> filters, String key, Findings findings) {
    if (filters.isEmpty()) {
      return;
    }
    try {
      FilterCompiler.compile(filters, schema);
    } catch (QueryException e) {
      int index = 0;
      for (int i = 0; i < filters.size(); i++) {
        if (filters.get(i).toString().equals(e.text())) {
          index = i;
        }
      }
      for (Problem problem : e.problems()) {
        findings.errorAtKey(
            key,
            "[" + key + "] filter " + (index + 1) + ": " + problem.message(),
            Optional.of(Snippets.caret(e.text(), problem.span())));
      }
    }
  }

  private Optional<RuleFileText> fileText(Path file) {
    return files.computeIfAbsent(file, RuleFileText::read);
  }

  /** Collects one rule's errors and warnings, locating them in the rule's file. */
  private final class Findings {
    private final Rule rule;
    private final RuleSource source;
    private final List<Diagnostic> errors = new ArrayList<>();
    private final List<Diagnostic> warnings = new ArrayList<>();

    Findings(Rule rule) {
      this.rule = rule;
      this.source = rule.source();
    }

    void errorAtKey(String key, String message) {
      errorAtKey(key, message, Optional.empty());
    }

    void errorAtKey(String key, String message, Optional<String> snippet) {
      errors.add(atKey(key, message, snippet));
    }

    void warningAtKey(String key, String message) {
      warnings.add(atKey(key, message, Optional.empty()));
    }

    private Diagnostic atKey(String key, String message, Optional<String> snippet) {
      Optional<KeyPosition> position =
          fileText(source.file()).flatMap(text -> text.key(source, key));
      return position
          .map(at -> new Diagnostic(source.file(), at.line(), at.column(), message, snippet))
          .orElseGet(() -> new Diagnostic(source.file(), source.line(), 0, message, snippet));
    }

    /**
     * A problem at {@code span} of the string value of {@code key} ({@code text}), located in the
     * file, with a caret snippet of the value's line.
     */
    Diagnostic inString(String key, String text, Span span, String message) {
      Optional<String> snippet = Optional.of(Snippets.caret(text, span));
      Optional<RuleFileText> file = fileText(source.file());
      if (file.isPresent()) {
        Optional<RuleFileText.StringValue> value = file.get().stringValue(source, key);
        Optional<int[]> offsets = value.flatMap(found -> file.get().offsets(found, text));
        if (offsets.isPresent()) {
          Span at = file.get().fileSpan(offsets.get(), span);
          return new Diagnostic(source.file(), at.line(), at.column(), message, snippet);
        }
      }
      if (key.equals("query") && source.queryLine().isPresent()) {
        // No file to decode escapes against: shift by the recorded start (exact for ''' strings).
        Span at = span.shiftedInto(new Span(0, 0, source.queryLine().get(), queryColumn()));
        return new Diagnostic(source.file(), at.line(), at.column(), message, snippet);
      }
      return new Diagnostic(
          source.file(), source.line(), 0, "[" + key + "] at " + span + ": " + message, snippet);
    }

    private int queryColumn() {
      return source.queryColumn().orElse(1);
    }

    @Override
    public String toString() {
      return rule.ruleId() + ": " + errors.size() + " errors, " + warnings.size() + " warnings";
    }
  }
}

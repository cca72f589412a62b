package dev.vigil.kql.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.match.PatternTooComplexException;
import dev.vigil.core.match.WildcardPattern;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Span;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles Elasticsearch query DSL into a plan: {@code bool} (must, filter, should with {@code
 * minimum_should_match} and its default, must_not), {@code term}, {@code terms}, {@code match},
 * {@code match_phrase}, {@code wildcard}, {@code prefix}, {@code exists}, {@code range}, {@code
 * nested}, {@code query_string}, {@code match_all}, {@code match_none}, {@code multi_match}. Field
 * names are resolved as Elasticsearch resolves them: an unmapped field matches nothing, a field
 * inside a nested mapping matches only inside a {@code nested} query.
 *
 * <p>Lifecycle: one instance per compiled clause tree (per nesting level); it owns the problem
 * list, thrown as one {@link QueryException} at the end.
 */
final class DslTranslator {
  private final String text;
  private final Schema schema;
  private final Clock clock;
  private final Optional<String> nestedPath;
  private final List<Problem> problems;

  private DslTranslator(
      String text,
      Schema schema,
      Clock clock,
      Optional<String> nestedPath,
      List<Problem> problems) {
    this.text = text;
    this.schema = schema;
    this.clock = clock;
    this.nestedPath = nestedPath;
    this.problems = problems;
  }

  static DocPredicate translate(String text, JsonNode query, Schema schema, Clock clock) {
    List<Problem> problems = new ArrayList<>();
    DocPredicate plan =
        new DslTranslator(text, schema, clock, Optional.empty(), problems).query(query);
    if (!problems.isEmpty()) {
      throw new QueryException(text, problems);
    }
    return plan;
  }

  /**
   * The clauses of a DSL query that {@link #translate} accepted, for explanations: a {@code bool}
   * shows its {@code must}/{@code filter} clauses, its {@code must_not} clauses under {@code NOT}
   * nodes and its {@code should} clauses (under one node when {@code minimum_should_match} makes
   * them count, marked optional when it does not); any other clause is a leaf. Each node's plan is
   * the translation of that node, so it is what {@link #translate} computes for it.
   */
  static ClausePlan clauses(String text, JsonNode query, Schema schema, Clock clock) {
    return new DslTranslator(text, schema, clock, Optional.empty(), new ArrayList<>())
        .clausePlan(query);
  }

  private ClausePlan clausePlan(JsonNode query) {
    DocPredicate plan = query(query);
    String json = query.toString();
    JsonNode body = query.isObject() && query.size() == 1 ? query.get("bool") : null;
    if (body == null || !body.isObject()) {
      return ClausePlan.leaf(json, plan);
    }
    List<ClausePlan> children = new ArrayList<>();
    for (String key : List.of("must", "filter")) {
      for (JsonNode clause : clauses(body.get(key))) {
        children.add(clausePlan(clause));
      }
    }
    for (JsonNode clause : clauses(body.get("must_not"))) {
      ClausePlan negated = clausePlan(clause);
      children.add(
          ClausePlan.node(
              "must_not " + clause, new DocPredicate.Not(negated.plan()), List.of(negated)));
    }
    List<ClausePlan> should = new ArrayList<>();
    for (JsonNode clause : clauses(body.get("should"))) {
      should.add(clausePlan(clause));
    }
    if (!should.isEmpty()) {
      boolean hasRequired =
          !clauses(body.get("must")).isEmpty() || !clauses(body.get("filter")).isEmpty();
      int minimum = hasRequired ? 0 : 1;
      if (body.has("minimum_should_match")) {
        minimum = minimumShouldMatch(body.get("minimum_should_match"), should.size());
      }
      if (minimum == 0) {
        for (ClausePlan optional : should) {
          children.add(
              new ClausePlan(
                  "optional, decides nothing: " + optional.text(),
                  optional.plan(),
                  optional.isLeaf(),
                  optional.children()));
        }
      } else if (minimum == 1 && children.isEmpty()) {
        // Alternatives only: the bool itself is their "any of".
        children.addAll(should);
      } else {
        List<DocPredicate> plans = new ArrayList<>();
        for (ClausePlan clause : should) {
          plans.add(clause.plan());
        }
        DocPredicate group =
            minimum > should.size()
                ? DocPredicate.FALSE
                : minimum == 1
                    ? new DocPredicate.AnyOf(plans)
                    : new DocPredicate.AtLeast(minimum, plans);
        children.add(
            ClausePlan.node("should, at least " + minimum + " of " + should.size(), group, should));
      }
    }
    return ClausePlan.node(json, plan, children);
  }

  private Span span() {
    return Span.of(text, 0, text.length());
  }

  private DocPredicate fail(String message) {
    problems.add(new Problem(span(), message));
    return DocPredicate.FALSE;
  }

  DocPredicate query(JsonNode query) {
    if (query == null || !query.isObject() || query.size() != 1) {
      return fail(
          "a query clause must be an object with exactly one query type, got ["
              + (query == null ? "nothing" : query.toString())
              + "]");
    }
    Map.Entry<String, JsonNode> entry = query.fields().next();
    String type = entry.getKey();
    JsonNode body = entry.getValue();
    try {
      return switch (type) {
        case "bool" -> bool(body);
        case "match_all" -> DocPredicate.TRUE;
        case "match_none" -> DocPredicate.FALSE;
        case "term" -> term(body);
        case "terms" -> terms(body);
        case "match" -> match(body);
        case "match_phrase" -> matchPhrase(body);
        case "multi_match" -> multiMatch(body);
        case "wildcard" -> wildcard(body);
        case "prefix" -> prefix(body);
        case "exists" -> exists(body);
        case "range" -> range(body);
        case "nested" -> nested(body);
        case "query_string" -> queryString(body);
        default -> fail("unsupported query type [" + type + "]");
      };
    } catch (FieldQueryError | PatternTooComplexException e) {
      return fail("[" + type + "] " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // bool

  private static List<JsonNode> clauses(JsonNode node) {
    List<JsonNode> list = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return list;
    }
    if (node.isArray()) {
      node.forEach(list::add);
    } else {
      list.add(node);
    }
    return list;
  }

  /**
   * {@code bool}: {@code minimum_should_match} defaults to 1 when there is no must/filter clause
   * and to 0 otherwise (Elasticsearch 7.0+ {@code BoolQueryBuilder}).
   */
  private DocPredicate bool(JsonNode body) {
    List<DocPredicate> required = new ArrayList<>();
    for (String key : List.of("must", "filter")) {
      for (JsonNode clause : clauses(body.get(key))) {
        required.add(query(clause));
      }
    }
    for (JsonNode clause : clauses(body.get("must_not"))) {
      required.add(new DocPredicate.Not(query(clause)));
    }
    List<DocPredicate> should = new ArrayList<>();
    for (JsonNode clause : clauses(body.get("should"))) {
      should.add(query(clause));
    }
    boolean hasRequired =
        !clauses(body.get("must")).isEmpty() || !clauses(body.get("filter")).isEmpty();
    int minimum = hasRequired ? 0 : 1;
    if (body.has("minimum_should_match")) {
      minimum = minimumShouldMatch(body.get("minimum_should_match"), should.size());
    }
    if (!should.isEmpty() && minimum > 0) {
      if (minimum > should.size()) {
        return DocPredicate.FALSE;
      }
      required.add(
          minimum == 1
              ? new DocPredicate.AnyOf(should)
              : new DocPredicate.AtLeast(minimum, should));
    }
    if (required.isEmpty()) {
      return DocPredicate.TRUE;
    }
    return required.size() == 1 ? required.get(0) : new DocPredicate.AllOf(required);
  }

  /** Integers and percentages, negative meaning "all but" (Elasticsearch {@code Queries}). */
  private static int minimumShouldMatch(JsonNode spec, int optional) {
    String value = spec.asText().trim();
    int result;
    if (value.endsWith("%")) {
      int percent = Integer.parseInt(value.substring(0, value.length() - 1));
      int computed = optional * Math.abs(percent) / 100;
      result = percent < 0 ? optional - computed : computed;
    } else {
      int number = Integer.parseInt(value);
      result = number < 0 ? optional + number : number;
    }
    return Math.max(0, Math.min(result, optional));
  }

  // ---------------------------------------------------------------------------------------------
  // field helpers

  /** The single {@code field: spec} entry of a field-level query. */
  private static Map.Entry<String, JsonNode> fieldEntry(JsonNode body, String type) {
    Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      if (!entry.getKey().equals("boost") && !entry.getKey().equals("_name")) {
        return entry;
      }
    }
    throw new FieldQueryError("[" + type + "] query does not name a field");
  }

  /**
   * The field as Elasticsearch sees it at this nesting level, or empty when the query can match
   * nothing there (unmapped, or a nested field outside its nested query).
   */
  private Optional<ResolvedField> field(String name) {
    Optional<ResolvedField> field = Fields.resolve(schema, name);
    if (field.isPresent() && !field.get().nestedPath().equals(nestedPath)) {
      return Optional.empty();
    }
    return field;
  }

  private static Object jsonValue(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.isBigDecimal() ? node.decimalValue() : (Object) node.doubleValue();
    }
    throw new FieldQueryError("unsupported value [" + node + "]");
  }

  // ---------------------------------------------------------------------------------------------
  // term-level

  private DocPredicate term(JsonNode body) {
    Map.Entry<String, JsonNode> entry = fieldEntry(body, "term");
    JsonNode spec = entry.getValue();
    Object value = jsonValue(spec.isObject() ? spec.get("value") : spec);
    boolean caseInsensitive = spec.isObject() && spec.path("case_insensitive").asBoolean(false);
    if (value == null) {
      throw new FieldQueryError("field [" + entry.getKey() + "]: value cannot be null");
    }
    return field(entry.getKey())
        .map(field -> FieldQueries.term(field, value, caseInsensitive, clock))
        .orElse(DocPredicate.FALSE);
  }

  private DocPredicate terms(JsonNode body) {
    Map.Entry<String, JsonNode> entry = fieldEntry(body, "terms");
    if (!entry.getValue().isArray()) {
      throw new FieldQueryError("[terms] query on [" + entry.getKey() + "] needs an array");
    }
    Optional<ResolvedField> field = field(entry.getKey());
    List<DocPredicate> any = new ArrayList<>();
    for (JsonNode value : entry.getValue()) {
      Object term = jsonValue(value);
      if (term == null) {
        throw new FieldQueryError("field [" + entry.getKey() + "]: a term cannot be null");
      }
      field.ifPresent(resolved -> any.add(FieldQueries.term(resolved, term, false, clock)));
    }
    return any.isEmpty() ? DocPredicate.FALSE : new DocPredicate.AnyOf(any);
  }

  private DocPredicate match(JsonNode body) {
    Map.Entry<String, JsonNode> entry = fieldEntry(body, "match");
    JsonNode spec = entry.getValue();
    Object value = jsonValue(spec.isObject() ? spec.get("query") : spec);
    FieldQueries.Operator operator =
        spec.isObject() && "and".equalsIgnoreCase(spec.path("operator").asText())
            ? FieldQueries.Operator.AND
            : FieldQueries.Operator.OR;
    boolean lenient = spec.isObject() && spec.path("lenient").asBoolean(false);
    return lenient(
        lenient,
        () ->
            field(entry.getKey())
                .map(field -> FieldQueries.match(field, value, operator, clock))
                .orElse(DocPredicate.FALSE));
  }

  private DocPredicate matchPhrase(JsonNode body) {
    Map.Entry<String, JsonNode> entry = fieldEntry(body, "match_phrase");
    JsonNode spec = entry.getValue();
    Object value = jsonValue(spec.isObject() ? spec.get("query") : spec);
    int slop = spec.isObject() ? spec.path("slop").asInt(0) : 0;
    return field(entry.getKey())
        .map(field -> FieldQueries.matchPhrase(field, value, slop, clock))
        .orElse(DocPredicate.FALSE);
  }

  private DocPredicate multiMatch(JsonNode body) {
    Object value = jsonValue(body.get("query"));
    boolean phrase = "phrase".equals(body.path("type").asText());
    boolean lenient = body.path("lenient").asBoolean(false);
    List<DocPredicate> any = new ArrayList<>();
    for (JsonNode name : body.path("fields")) {
      for (ResolvedField field : expandFieldName(name.asText().replaceAll("\\^.*$", ""))) {
        DocPredicate clause =
            lenient(
                lenient,
                () ->
                    phrase
                        ? FieldQueries.matchPhrase(field, value, 0, clock)
                        : FieldQueries.match(field, value, FieldQueries.Operator.OR, clock));
        any.add(clause);
      }
    }
    return any.isEmpty() ? DocPredicate.FALSE : new DocPredicate.AnyOf(any);
  }

  private static DocPredicate lenient(
      boolean lenient, java.util.function.Supplier<DocPredicate> build) {
    if (!lenient) {
      return build.get();
    }
    try {
      return build.get();
    } catch (FieldQueryError e) {
      return DocPredicate.FALSE;
    }
  }

  /**
   * {@code wildcard}: the value (or {@code wildcard}) in Lucene wildcard syntax, where {@code \}
   * escapes the next character, so {@code \\} is a literal backslash and {@code \X} is {@code X}.
   */
  private DocPredicate wildcard(JsonNode body) {
    Map.Entry<String, JsonNode> entry = fieldEntry(body, "wildcard");
    JsonNode spec = entry.getValue();
    JsonNode value =
        spec.isObject() ? spec.has("value") ? spec.get("value") : spec.get("wildcard") : spec;
    if (value == null || !value.isValueNode() || value.isNull()) {
      throw new FieldQueryError("[wildcard] query on [" + entry.getKey() + "] has no value");
    }
    boolean caseInsensitive = spec.isObject() && spec.path("case_insensitive").asBoolean(false);
    WildcardPattern pattern = WildcardPattern.parseEscaped(value.asText());
    return field(entry.getKey())
        .map(field -> FieldQueries.wildcard(field, pattern, caseInsensitive))
        .orElse(DocPredicate.FALSE);
  }

  private DocPredicate prefix(JsonNode body) {
    Map.Entry<String, JsonNode> entry = fieldEntry(body, "prefix");
    JsonNode spec = entry.getValue();
    JsonNode value = spec.isObject() ? spec.get("value") : spec;
    if (value == null || !value.isValueNode() || value.isNull()) {
      throw new FieldQueryError("[prefix] query on [" + entry.getKey() + "] has no value");
    }
    boolean caseInsensitive = spec.isObject() && spec.path("case_insensitive").asBoolean(false);
    WildcardPattern pattern = WildcardPattern.prefix(value.asText());
    return field(entry.getKey())
        .map(field -> FieldQueries.wildcard(field, pattern, caseInsensitive))
        .orElse(DocPredicate.FALSE);
  }

  /** {@code exists}: the field, the fields a pattern names, or the leaves below an object path. */
  private DocPredicate exists(JsonNode body) {
    String name = body.path("field").asText(null);
    if (name == null) {
      throw new FieldQueryError("[exists] query has no [field]");
    }
    List<DocPredicate> any = new ArrayList<>();
    List<ResolvedField> fields = expandFieldName(name);
    if (fields.isEmpty() && name.indexOf('*') < 0) {
      for (String leaf : Fields.leavesUnder(schema, name)) {
        field(leaf).ifPresent(fields::add);
      }
    }
    for (ResolvedField field : fields) {
      try {
        any.add(FieldQueries.exists(field));
      } catch (FieldQueryError e) {
        // exotic leaves are skipped
      }
    }
    return any.isEmpty() ? DocPredicate.FALSE : new DocPredicate.AnyOf(any);
  }

  private List<ResolvedField> expandFieldName(String name) {
    List<ResolvedField> fields = new ArrayList<>();
    if (name.indexOf('*') >= 0) {
      for (String match : Fields.expand(schema, WildcardPattern.parseEscaped(name))) {
        field(match).ifPresent(fields::add);
      }
    } else {
      field(name).ifPresent(fields::add);
    }
    return fields;
  }

  /** {@code range} with gt/gte/lt/lte (or from/to/include_*), {@code time_zone} for dates. */
  private DocPredicate range(JsonNode body) {
    Map.Entry<String, JsonNode> entry = fieldEntry(body, "range");
    JsonNode spec = entry.getValue();
    Object lower = null;
    Object upper = null;
    boolean includeLower = true;
    boolean includeUpper = true;
    if (spec.has("from") || spec.has("to")) {
      lower = jsonValue(spec.get("from"));
      upper = jsonValue(spec.get("to"));
      includeLower = spec.path("include_lower").asBoolean(true);
      includeUpper = spec.path("include_upper").asBoolean(true);
    }
    if (spec.has("gt")) {
      lower = jsonValue(spec.get("gt"));
      includeLower = false;
    }
    if (spec.has("gte")) {
      lower = jsonValue(spec.get("gte"));
      includeLower = true;
    }
    if (spec.has("lt")) {
      upper = jsonValue(spec.get("lt"));
      includeUpper = false;
    }
    if (spec.has("lte")) {
      upper = jsonValue(spec.get("lte"));
      includeUpper = true;
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(spec.path("time_zone").asText("UTC").replace("Zulu", "UTC"));
    } catch (DateTimeException e) {
      throw new FieldQueryError("unknown time_zone [" + spec.path("time_zone").asText() + "]");
    }
    Object low = lower instanceof Double number ? BigDecimal.valueOf(number) : lower;
    Object high = upper instanceof Double number ? BigDecimal.valueOf(number) : upper;
    boolean inclusiveLow = includeLower;
    boolean inclusiveHigh = includeUpper;
    return field(entry.getKey())
        .map(
            field -> FieldQueries.range(field, low, high, inclusiveLow, inclusiveHigh, zone, clock))
        .orElse(DocPredicate.FALSE);
  }

  private DocPredicate nested(JsonNode body) {
    String path = body.path("path").asText(null);
    if (path == null || !Fields.isNested(schema, path)) {
      if (body.path("ignore_unmapped").asBoolean(false)) {
        return DocPredicate.FALSE;
      }
      throw new FieldQueryError("failed to find nested object under path [" + path + "]");
    }
    DslTranslator inner = new DslTranslator(text, schema, clock, Optional.of(path), problems);
    return new DocPredicate.NestedMatch(path, inner.query(body.get("query")));
  }

  /** {@code query_string}: the Lucene syntax, compiled with the clause's options. */
  private DocPredicate queryString(JsonNode body) {
    String query = body.path("query").asText(null);
    if (query == null) {
      throw new FieldQueryError("[query_string] has no [query]");
    }
    List<String> fields = new ArrayList<>();
    body.path("fields").forEach(field -> fields.add(field.asText().replaceAll("\\^.*$", "")));
    if (fields.isEmpty() && body.has("default_field")) {
      fields.add(body.get("default_field").asText());
    }
    LuceneTranslator.Options options =
        new LuceneTranslator.Options(
            fields,
            body.path("analyze_wildcard").asBoolean(false),
            "and".equalsIgnoreCase(body.path("default_operator").asText("or")),
            body.path("lenient").asBoolean(false),
            ZoneId.of(body.path("time_zone").asText("UTC").replace("Zulu", "UTC")));
    try {
      return LuceneTranslator.translate(query, schema, clock, nestedPath, options);
    } catch (QueryException e) {
      for (Problem problem : e.problems()) {
        problems.add(new Problem(span(), "[query_string] " + problem.message()));
      }
      return DocPredicate.FALSE;
    }
  }
}

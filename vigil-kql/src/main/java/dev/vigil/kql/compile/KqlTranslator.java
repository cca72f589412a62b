package dev.vigil.kql.compile;

import dev.vigil.core.match.PatternTooComplexException;
import dev.vigil.core.match.WildcardPattern;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Span;
import dev.vigil.kql.ast.And;
import dev.vigil.kql.ast.FreeText;
import dev.vigil.kql.ast.Is;
import dev.vigil.kql.ast.KqlNode;
import dev.vigil.kql.ast.KqlVisitor;
import dev.vigil.kql.ast.Literal;
import dev.vigil.kql.ast.LiteralVisitor;
import dev.vigil.kql.ast.MatchAll;
import dev.vigil.kql.ast.Nested;
import dev.vigil.kql.ast.Not;
import dev.vigil.kql.ast.Or;
import dev.vigil.kql.ast.Piece;
import dev.vigil.kql.ast.QuotedLiteral;
import dev.vigil.kql.ast.Range;
import dev.vigil.kql.ast.RangeOperator;
import dev.vigil.kql.ast.UnquotedLiteral;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Translates a KQL tree into a compiled plan: Kibana's choice of Elasticsearch query per field
 * (kql-semantics.md §3) followed by Elasticsearch's semantics for that query (§4).
 *
 * <p>Lifecycle: one instance per nesting level of one compilation; the instances of a compilation
 * share the problem list, which is thrown as one {@link QueryException} at the end.
 */
final class KqlTranslator implements KqlVisitor<DocPredicate> {
  private static final ZoneId ZULU = ZoneId.of("UTC");

  private final String text;
  private final Schema schema;
  private final Clock clock;
  private final Optional<String> nestedPath;
  private final List<Problem> problems;

  private KqlTranslator(
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

  static DocPredicate translate(String text, KqlNode ast, Schema schema, Clock clock) {
    List<Problem> problems = new ArrayList<>();
    DocPredicate plan =
        ast.accept(new KqlTranslator(text, schema, clock, Optional.empty(), problems));
    if (!problems.isEmpty()) {
      throw new QueryException(text, problems);
    }
    return plan;
  }

  /**
   * The clauses of a query that {@link #translate} accepted, for explanations: {@code and}, {@code
   * or} and {@code not} keep their children and combine their plans as the visit methods below do;
   * every other node is a leaf translated alone, as {@link #translate} translates it at the top
   * level (a nested group is a leaf, so no leaf changes nesting level).
   */
  static ClausePlan clauses(String text, KqlNode ast, Schema schema, Clock clock) {
    return ast.accept(new ClauseBuilder(text, schema, clock));
  }

  /** Builds {@link ClausePlan}s; one per {@link #clauses} call. */
  private static final class ClauseBuilder implements KqlVisitor<ClausePlan> {
    private final String text;
    private final Schema schema;
    private final Clock clock;

    ClauseBuilder(String text, Schema schema, Clock clock) {
      this.text = text;
      this.schema = schema;
      this.clock = clock;
    }

    private List<ClausePlan> all(List<KqlNode> nodes) {
      List<ClausePlan> children = new ArrayList<>();
      for (KqlNode node : nodes) {
        children.add(node.accept(this));
      }
      return children;
    }

    private static List<DocPredicate> plans(List<ClausePlan> clauses) {
      List<DocPredicate> plans = new ArrayList<>();
      for (ClausePlan clause : clauses) {
        plans.add(clause.plan());
      }
      return plans;
    }

    @Override
    public ClausePlan visitOr(Or node) {
      List<ClausePlan> children = all(node.children());
      return ClausePlan.node(
          source(node.span()), new DocPredicate.AnyOf(plans(children)), children);
    }

    @Override
    public ClausePlan visitAnd(And node) {
      List<ClausePlan> children = all(node.children());
      return ClausePlan.node(
          source(node.span()), new DocPredicate.AllOf(plans(children)), children);
    }

    @Override
    public ClausePlan visitNot(Not node) {
      ClausePlan child = node.child().accept(this);
      return ClausePlan.node(
          source(node.span()), new DocPredicate.Not(child.plan()), List.of(child));
    }

    private ClausePlan leaf(KqlNode node, String clauseText) {
      return ClausePlan.leaf(clauseText, translate(text, node, schema, clock));
    }

    @Override
    public ClausePlan visitNested(Nested node) {
      return leaf(node, source(node.span()));
    }

    @Override
    public ClausePlan visitRange(Range node) {
      return leaf(node, source(node.span()));
    }

    @Override
    public ClausePlan visitIs(Is node) {
      // One value of a list `f:(a or b)` has the span of its value only: name the field too.
      String clauseText =
          node.span().offset() > node.field().span().offset()
              ? source(node.field().span()) + ":" + source(node.span())
              : source(node.span());
      return leaf(node, clauseText);
    }

    @Override
    public ClausePlan visitFreeText(FreeText node) {
      return leaf(node, source(node.span()));
    }

    @Override
    public ClausePlan visitMatchAll(MatchAll node) {
      return leaf(node, "*");
    }

    private String source(Span span) {
      return ClausePlan.source(text, span);
    }
  }

  private void problem(Span span, String message) {
    problems.add(new Problem(span, message));
  }

  // ---------------------------------------------------------------------------------------------
  // boolean structure

  @Override
  public DocPredicate visitOr(Or node) {
    List<DocPredicate> children = new ArrayList<>();
    for (KqlNode child : node.children()) {
      children.add(child.accept(this));
    }
    return DocPredicate.AnyOf.merging(children);
  }

  @Override
  public DocPredicate visitAnd(And node) {
    List<DocPredicate> children = new ArrayList<>();
    for (KqlNode child : node.children()) {
      children.add(child.accept(this));
    }
    return new DocPredicate.AllOf(children);
  }

  @Override
  public DocPredicate visitNot(Not node) {
    return new DocPredicate.Not(node.child().accept(this));
  }

  @Override
  public DocPredicate visitMatchAll(MatchAll node) {
    return DocPredicate.TRUE;
  }

  @Override
  public DocPredicate visitNested(Nested node) {
    String path = fullName(node.path().text());
    DocPredicate inner =
        node.query().accept(new KqlTranslator(text, schema, clock, Optional.of(path), problems));
    if (!Fields.isNested(schema, path)) {
      // Kibana sends nested {path} without ignore_unmapped: Elasticsearch fails the search.
      problem(
          node.path().span(),
          "[nested] failed to find nested object under path ["
              + path
              + "]: it is not mapped as nested");
      return DocPredicate.FALSE;
    }
    return new DocPredicate.NestedMatch(path, inner);
  }

  // ---------------------------------------------------------------------------------------------
  // field:value

  @Override
  public DocPredicate visitIs(Is node) {
    Literal value = node.value();
    boolean loneValue = isLoneWildcard(value);
    if (loneValue && isLoneWildcard(node.field())) {
      return DocPredicate.TRUE; // *:*
    }
    return forEachField(
        node.field(), node.span(), field -> isQuery(field, value), name -> untypedIs(name, value));
  }

  /** Kibana's {@code is} for one typed field (kql-semantics.md §3.2). */
  private DocPredicate isQuery(ResolvedField field, Literal value) {
    if (isLoneWildcard(value)) {
      return FieldQueries.exists(field);
    }
    if (value instanceof UnquotedLiteral unquoted && unquoted.hasWildcard()) {
      if (isKeywordField(field)) {
        return FieldQueries.wildcard(field, pattern(unquoted.pieces()), false);
      }
      return queryStringWildcard(field, unquoted.pieces());
    }
    Object literal = requireNonNull(field.name(), literalValue(value));
    if (field.type().isDate()) {
      return FieldQueries.range(field, literal, literal, true, true, ZULU, clock);
    }
    if (isKeywordField(field)) {
      return FieldQueries.term(field, literal, false, clock);
    }
    if (value instanceof QuotedLiteral) {
      return FieldQueries.matchPhrase(field, literal, 0, clock);
    }
    return FieldQueries.match(field, literal, FieldQueries.Operator.OR, clock);
  }

  /**
   * A field unknown to the data view: Kibana sends the untyped forms (exists, query_string,
   * match_phrase, match) with the name as written, and Elasticsearch resolves that name itself: a
   * key inside a flattened field works, an object path answers exists for its leaves, anything else
   * is unmapped and matches nothing.
   */
  private DocPredicate untypedIs(String name, Literal value) {
    Optional<ResolvedField> field = Fields.resolve(schema, name);
    if (isLoneWildcard(value)) {
      if (field.isPresent()) {
        return FieldQueries.exists(field.get());
      }
      return existsBelow(name);
    }
    if (field.isEmpty()) {
      return DocPredicate.FALSE;
    }
    if (value instanceof UnquotedLiteral unquoted && unquoted.hasWildcard()) {
      return queryStringWildcard(field.get(), unquoted.pieces());
    }
    Object literal = requireNonNull(name, literalValue(value));
    if (value instanceof QuotedLiteral) {
      return FieldQueries.matchPhrase(field.get(), literal, 0, clock);
    }
    return FieldQueries.match(field.get(), literal, FieldQueries.Operator.OR, clock);
  }

  /** {@code exists} on a name that is not a leaf: Elasticsearch expands it to the leaves below. */
  private DocPredicate existsBelow(String name) {
    List<DocPredicate> leaves = new ArrayList<>();
    for (String leaf : Fields.leavesUnder(schema, name)) {
      Optional<ResolvedField> field = Fields.resolve(schema, leaf);
      if (field.isPresent() && sameNestedLevel(field.get())) {
        try {
          leaves.add(FieldQueries.exists(field.get()));
        } catch (FieldQueryError e) {
          // exotic leaves (geo_point, binary) are skipped rather than failing the expansion
        }
      }
    }
    return or(leaves);
  }

  private boolean sameNestedLevel(ResolvedField field) {
    return field.nestedPath().equals(nestedPath);
  }

  /**
   * A KQL wildcard value on a field that is not a pure keyword: Kibana sends {@code query_string}
   * with everything but whitespace escaped, so the value splits on whitespace into OR-ed terms: a
   * lone {@code *} is exists, a term with {@code *} a prefix/wildcard query, any other an ordinary
   * field query (kql-semantics.md §4.9).
   */
  private DocPredicate queryStringWildcard(ResolvedField field, List<Piece> pieces) {
    List<DocPredicate> clauses = new ArrayList<>();
    for (List<Piece> term : splitOnWhitespace(pieces)) {
      boolean wildcard = term.stream().anyMatch(piece -> piece instanceof Piece.Wildcard);
      if (wildcard) {
        clauses.add(QueryStrings.wildcardTerm(field, pattern(term), false, clock));
      } else {
        clauses.add(QueryStrings.term(field, charsOf(term), clock));
      }
    }
    return or(clauses);
  }

  static List<List<Piece>> splitOnWhitespace(List<Piece> pieces) {
    List<List<Piece>> terms = new ArrayList<>();
    List<Piece> current = new ArrayList<>();
    for (Piece piece : pieces) {
      if (piece instanceof Piece.Chars chars) {
        StringBuilder run = new StringBuilder();
        String value = chars.value();
        for (int i = 0; i < value.length(); i++) {
          char c = value.charAt(i);
          if (QueryStrings.isWhitespace(c)) {
            if (!run.isEmpty()) {
              current.add(new Piece.Chars(run.toString()));
              run.setLength(0);
            }
            if (!current.isEmpty()) {
              terms.add(current);
              current = new ArrayList<>();
            }
          } else {
            run.append(c);
          }
        }
        if (!run.isEmpty()) {
          current.add(new Piece.Chars(run.toString()));
        }
      } else {
        current.add(piece);
      }
    }
    if (!current.isEmpty()) {
      terms.add(current);
    }
    return terms;
  }

  private static String charsOf(List<Piece> pieces) {
    StringBuilder out = new StringBuilder();
    for (Piece piece : pieces) {
      out.append(((Piece.Chars) piece).value());
    }
    return out.toString();
  }

  static WildcardPattern pattern(List<Piece> pieces) {
    WildcardPattern.Builder builder = WildcardPattern.builder();
    for (Piece piece : pieces) {
      if (piece instanceof Piece.Chars chars) {
        builder.literal(chars.value());
      } else {
        builder.anyString();
      }
    }
    return builder.build();
  }

  // ---------------------------------------------------------------------------------------------
  // ranges

  @Override
  public DocPredicate visitRange(Range node) {
    RangeOperator operator = node.operator();
    Object bound = literalValue(node.value());
    return forEachField(
        node.field(),
        node.span(),
        field -> rangeQuery(field, operator, bound),
        name ->
            Fields.resolve(schema, name)
                .map(field -> rangeQuery(field, operator, bound))
                .orElse(DocPredicate.FALSE));
  }

  private DocPredicate rangeQuery(ResolvedField field, RangeOperator operator, Object bound) {
    return switch (operator) {
      case LESS_THAN -> FieldQueries.range(field, null, bound, true, false, ZULU, clock);
      case LESS_THAN_OR_EQUAL -> FieldQueries.range(field, null, bound, true, true, ZULU, clock);
      case GREATER_THAN -> FieldQueries.range(field, bound, null, false, true, ZULU, clock);
      case GREATER_THAN_OR_EQUAL -> FieldQueries.range(field, bound, null, true, true, ZULU, clock);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // free text

  /**
   * A value with no field (kql-semantics.md §3.7): Kibana sends {@code multi_match} (lenient,
   * phrase for quoted values) or, for wildcards, {@code query_string}, both over {@code
   * index.query.default_field} ({@code *}): every searchable field, skipping those that cannot
   * parse the value.
   */
  @Override
  public DocPredicate visitFreeText(FreeText node) {
    Literal value = node.value();
    if (isLoneWildcard(value)) {
      return DocPredicate.TRUE;
    }
    List<ResolvedField> fields = defaultFields();
    List<DocPredicate> clauses = new ArrayList<>();
    if (value instanceof UnquotedLiteral unquoted && unquoted.hasWildcard()) {
      for (List<Piece> term : splitOnWhitespace(unquoted.pieces())) {
        boolean wildcard = term.stream().anyMatch(piece -> piece instanceof Piece.Wildcard);
        if (wildcard && term.size() == 1) {
          return DocPredicate.TRUE; // a lone * over all fields is match_all
        }
        for (ResolvedField field : fields) {
          lenient(
              clauses,
              () ->
                  wildcard
                      ? QueryStrings.wildcardTerm(field, pattern(term), false, clock)
                      : QueryStrings.term(field, charsOf(term), clock));
        }
      }
      return or(clauses);
    }
    Object literal = literalValue(value);
    if (literal == null) {
      problem(node.span(), "[multi_match] requires a query value: [null] cannot be searched");
      return DocPredicate.FALSE;
    }
    boolean phrase = value instanceof QuotedLiteral;
    for (ResolvedField field : fields) {
      lenient(
          clauses,
          () ->
              phrase
                  ? FieldQueries.matchPhrase(field, literal, 0, clock)
                  : FieldQueries.match(field, literal, FieldQueries.Operator.OR, clock));
    }
    return or(clauses);
  }

  private static void lenient(
      List<DocPredicate> clauses, java.util.function.Supplier<DocPredicate> build) {
    try {
      DocPredicate clause = build.get();
      if (!clause.equals(DocPredicate.FALSE)) {
        clauses.add(clause);
      }
    } catch (FieldQueryError | PatternTooComplexException e) {
      // lenient: a field that cannot take the value is skipped
    }
  }

  /** The fields {@code index.query.default_field: *} expands to, at this nesting level. */
  private List<ResolvedField> defaultFields() {
    List<ResolvedField> fields = new ArrayList<>();
    for (FieldMapping mapping : schema.fields()) {
      FieldType type = mapping.type();
      if (type.isContainer()
          || type == FieldType.ALIAS
          || type == FieldType.GEO_POINT
          || type == FieldType.BINARY
          || type == FieldType.UNSUPPORTED) {
        continue;
      }
      Optional<ResolvedField> field = Fields.resolve(schema, mapping.path());
      if (field.isPresent() && sameNestedLevel(field.get())) {
        fields.add(field.get());
      }
    }
    return fields;
  }

  // ---------------------------------------------------------------------------------------------
  // field resolution (kql-semantics.md §3.1)

  /**
   * Resolves the field literal and builds one query per field, OR-ed. A name with {@code *} expands
   * over the schema's fields; a name unknown to the schema takes the untyped path. Kibana's nested
   * checks apply to literal names and to every name inside a nested group.
   */
  private DocPredicate forEachField(
      Literal fieldLiteral,
      Span span,
      Function<ResolvedField, DocPredicate> typed,
      Function<String, DocPredicate> untyped) {
    boolean pattern = fieldLiteral instanceof UnquotedLiteral unquoted && unquoted.hasWildcard();
    List<String> names;
    if (pattern) {
      List<Piece> pieces = new ArrayList<>();
      nestedPath.ifPresent(path -> pieces.add(new Piece.Chars(path + ".")));
      pieces.addAll(((UnquotedLiteral) fieldLiteral).pieces());
      names = Fields.expand(schema, pattern(pieces));
    } else {
      String name = fullName(fieldLiteral.text());
      names = dataViewField(name).isPresent() ? List.of(name) : List.of();
    }
    if (names.isEmpty()) {
      if (pattern) {
        return DocPredicate.FALSE;
      }
      return guarded(span, () -> untyped.apply(fullName(fieldLiteral.text())));
    }
    List<DocPredicate> clauses = new ArrayList<>();
    for (String name : names) {
      ResolvedField field = Fields.resolve(schema, name).orElseThrow();
      if (!pattern || nestedPath.isPresent()) {
        if (!checkNested(field, fieldLiteral.span())) {
          continue;
        }
      }
      // Outside a group Kibana wraps each nested field a pattern matches in its own nested query;
      // for a single-field clause that is the same as testing the flattened values.
      clauses.add(guarded(span, () -> typed.apply(field)));
    }
    return or(clauses);
  }

  /** The field as Kibana's data view knows it: a mapped leaf, multi-field or alias. */
  private Optional<FieldMapping> dataViewField(String name) {
    return schema.field(name).filter(mapping -> !mapping.type().isContainer());
  }

  private boolean checkNested(ResolvedField field, Span span) {
    Optional<String> fieldNested = field.nestedPath();
    if (nestedPath.isPresent() && fieldNested.isEmpty()) {
      problem(
          span,
          "["
              + field.name()
              + "] is not a nested field but is in nested group ["
              + nestedPath.get()
              + "] in the KQL expression");
      return false;
    }
    if (fieldNested.isPresent() && nestedPath.isEmpty()) {
      problem(
          span,
          "["
              + field.name()
              + "] is a nested field, but is not in a nested group in the KQL expression: write ["
              + fieldNested.get()
              + ":{ … }]");
      return false;
    }
    if (!fieldNested.equals(nestedPath)) {
      problem(
          span,
          "nested field ["
              + field.name()
              + "] is being queried with the incorrect nested path; the correct path is ["
              + fieldNested.orElse("")
              + "]");
      return false;
    }
    return true;
  }

  private DocPredicate guarded(Span span, java.util.function.Supplier<DocPredicate> build) {
    try {
      return build.get();
    } catch (FieldQueryError | PatternTooComplexException e) {
      problem(span, e.getMessage());
      return DocPredicate.FALSE;
    }
  }

  private String fullName(String name) {
    return nestedPath.map(path -> path + "." + name).orElse(name);
  }

  /** Kibana {@code isKeywordField}: the field's only ES type is {@code keyword}. */
  private static boolean isKeywordField(ResolvedField field) {
    return field.type() == FieldType.KEYWORD && !field.mapping().typeName().equals("flattened");
  }

  private static boolean isLoneWildcard(Literal literal) {
    return literal instanceof UnquotedLiteral unquoted && unquoted.isLoneWildcard();
  }

  /** The JSON value Kibana sends: a string, or {@code true}/{@code false}/{@code null}. */
  private static Object literalValue(Literal literal) {
    return literal.accept(
        new LiteralVisitor<Object>() {
          @Override
          public Object visitQuoted(QuotedLiteral quoted) {
            return quoted.value();
          }

          @Override
          public Object visitUnquoted(UnquotedLiteral unquoted) {
            return switch (unquoted.kind()) {
              case TRUE -> Boolean.TRUE;
              case FALSE -> Boolean.FALSE;
              case NULL -> null;
              case STRING, WILDCARD -> unquoted.text();
            };
          }
        });
  }

  /** Elasticsearch rejects a JSON null as the value of term, match and range equality. */
  private static Object requireNonNull(String field, Object literal) {
    if (literal == null) {
      throw new FieldQueryError(
          "field [" + field + "] cannot be queried for [null]: Elasticsearch rejects a null value");
    }
    return literal;
  }

  private static DocPredicate or(List<DocPredicate> clauses) {
    List<DocPredicate> kept = new ArrayList<>();
    for (DocPredicate clause : clauses) {
      if (clause.equals(DocPredicate.TRUE)) {
        return DocPredicate.TRUE;
      }
      if (!clause.equals(DocPredicate.FALSE)) {
        kept.add(clause);
      }
    }
    if (kept.isEmpty()) {
      return DocPredicate.FALSE;
    }
    return kept.size() == 1 ? kept.get(0) : DocPredicate.AnyOf.merging(kept);
  }
}

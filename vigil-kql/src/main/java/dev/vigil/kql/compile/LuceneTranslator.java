package dev.vigil.kql.compile;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.match.LuceneRegex;
import dev.vigil.core.match.PatternTooComplexException;
import dev.vigil.core.match.RegexOptions;
import dev.vigil.core.match.RegexSyntaxException;
import dev.vigil.core.match.WildcardPattern;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.FieldType;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.Problem;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Span;
import dev.vigil.core.value.CaseFolding;
import dev.vigil.kql.analysis.StandardAnalyzer;
import dev.vigil.kql.lucene.LuceneClause;
import dev.vigil.kql.lucene.LuceneClause.Conjunction;
import dev.vigil.kql.lucene.LuceneClause.Modifier;
import dev.vigil.kql.lucene.LuceneExists;
import dev.vigil.kql.lucene.LuceneGroup;
import dev.vigil.kql.lucene.LuceneMultiTerm;
import dev.vigil.kql.lucene.LuceneNode;
import dev.vigil.kql.lucene.LuceneParser;
import dev.vigil.kql.lucene.LucenePhrase;
import dev.vigil.kql.lucene.LuceneQuery;
import dev.vigil.kql.lucene.LuceneRange;
import dev.vigil.kql.lucene.LuceneRegexp;
import dev.vigil.kql.lucene.LuceneTerm;
import dev.vigil.kql.lucene.LuceneVisitor;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Translates a parsed Lucene query string into a plan with Elasticsearch's {@code query_string}
 * semantics: Lucene's classic rule for turning conjunctions and modifiers into MUST/SHOULD/MUST_NOT
 * ({@code QueryParserBase.addClause}), Elasticsearch's fix-up of purely negative groups ({@code
 * Queries.fixNegativeQueryIfNeeded}), per-field term, phrase, prefix, wildcard (optionally
 * analysed), fuzzy, regexp, range and exists queries ({@code QueryStringQueryParser}), and field
 * resolution for explicit, patterned and default ({@code *}, lenient) fields.
 *
 * <p>Lifecycle: one instance per translation; owns the problem list.
 */
final class LuceneTranslator {

  /**
   * The {@code query_string} options that change matching.
   *
   * @param fields the default fields; empty means {@code index.query.default_field} ({@code *})
   * @param analyzeWildcard run wildcard and prefix terms through the field's analyzer
   * @param defaultAnd default operator AND instead of OR
   * @param lenient skip fields that cannot take a value instead of failing
   * @param zone the time zone of dates without an offset
   */
  record Options(
      List<String> fields,
      boolean analyzeWildcard,
      boolean defaultAnd,
      boolean lenient,
      ZoneId zone) {
    Options {
      fields = List.copyOf(fields);
      requireNonNull(zone, "zone is null");
    }
  }

  private enum Occur {
    MUST,
    SHOULD,
    MUST_NOT
  }

  private final String text;
  private final Schema schema;
  private final Clock clock;
  private final Optional<String> nestedPath;
  private final Options options;
  private final List<Problem> problems = new ArrayList<>();

  private LuceneTranslator(
      String text, Schema schema, Clock clock, Optional<String> nestedPath, Options options) {
    this.text = text;
    this.schema = schema;
    this.clock = clock;
    this.nestedPath = nestedPath;
    this.options = options;
  }

  static DocPredicate translate(
      String text, Schema schema, Clock clock, Optional<String> nestedPath, Options options) {
    LuceneQuery query = LuceneParser.parse(text);
    LuceneTranslator translator = new LuceneTranslator(text, schema, clock, nestedPath, options);
    DocPredicate plan = translator.query(query, options.fields());
    if (!translator.problems.isEmpty()) {
      throw new QueryException(text, translator.problems);
    }
    return plan;
  }

  // ---------------------------------------------------------------------------------------------
  // boolean structure

  private DocPredicate query(LuceneQuery query, List<String> fields) {
    List<DocPredicate> predicates = new ArrayList<>();
    for (LuceneClause clause : query.clauses()) {
      List<String> clauseFields = clause.field().map(List::of).orElse(fields);
      predicates.add(node(clause.query(), clauseFields));
    }
    return combine(occurs(query), predicates);
  }

  /**
   * The occur of each clause by Lucene's classic rule ({@code QueryParserBase.addClause}): a
   * conjunction changes the previous clause too.
   */
  private List<Occur> occurs(LuceneQuery query) {
    List<Occur> occurs = new ArrayList<>();
    for (LuceneClause clause : query.clauses()) {
      int last = occurs.size() - 1;
      if (last >= 0
          && clause.conjunction() == Conjunction.AND
          && occurs.get(last) != Occur.MUST_NOT) {
        occurs.set(last, Occur.MUST);
      }
      if (last >= 0
          && options.defaultAnd()
          && clause.conjunction() == Conjunction.OR
          && occurs.get(last) != Occur.MUST_NOT) {
        occurs.set(last, Occur.SHOULD);
      }
      boolean prohibited = clause.modifier() == Modifier.PROHIBITED;
      boolean required;
      if (options.defaultAnd()) {
        required = !prohibited && clause.conjunction() != Conjunction.OR;
      } else {
        required =
            clause.modifier() == Modifier.REQUIRED
                || (clause.conjunction() == Conjunction.AND && !prohibited);
      }
      occurs.add(prohibited ? Occur.MUST_NOT : required ? Occur.MUST : Occur.SHOULD);
    }
    return occurs;
  }

  /** The boolean query of clauses with these occurs, as Elasticsearch runs it. */
  private static DocPredicate combine(List<Occur> occurs, List<DocPredicate> predicates) {
    if (occurs.isEmpty()) {
      return DocPredicate.FALSE;
    }
    List<DocPredicate> required = new ArrayList<>();
    List<DocPredicate> should = new ArrayList<>();
    boolean positiveMust = false;
    for (int i = 0; i < occurs.size(); i++) {
      switch (occurs.get(i)) {
        case MUST -> {
          required.add(predicates.get(i));
          positiveMust = true;
        }
        case SHOULD -> should.add(predicates.get(i));
        case MUST_NOT -> required.add(new DocPredicate.Not(predicates.get(i)));
      }
    }
    // With a MUST clause the SHOULD clauses are optional; without one at least one must match.
    // A purely negative group gets match_all from Elasticsearch (fixNegativeQueryIfNeeded).
    if (!positiveMust && !should.isEmpty()) {
      required.add(should.size() == 1 ? should.get(0) : new DocPredicate.AnyOf(should));
    }
    return required.size() == 1 ? required.get(0) : new DocPredicate.AllOf(required);
  }

  // ---------------------------------------------------------------------------------------------
  // clauses, for explanations

  /**
   * The clauses of a query string that {@link #translate} accepted, for explanations. Each group's
   * plan is {@link #combine}d from its clauses' plans as {@link #query} combines them; the tree
   * shows the required clauses, the prohibited ones under a {@code NOT} node, the optional ones
   * (which decide nothing next to a required clause) marked so, and the alternatives of a group
   * without a required clause under one "any of" node.
   */
  static ClausePlan clauses(String text, Schema schema, Clock clock, Options options) {
    LuceneQuery query = LuceneParser.parse(text);
    LuceneTranslator translator =
        new LuceneTranslator(text, schema, clock, Optional.empty(), options);
    return translator.clauses(query, options.fields(), ClausePlan.source(text, query.span()));
  }

  private ClausePlan clauses(LuceneQuery query, List<String> fields, String queryText) {
    List<Occur> occurs = occurs(query);
    List<ClausePlan> clauses = new ArrayList<>();
    List<DocPredicate> predicates = new ArrayList<>();
    for (LuceneClause clause : query.clauses()) {
      List<String> clauseFields = clause.field().map(List::of).orElse(fields);
      String clauseText = clauseText(clause);
      if (clause.field().isEmpty() && !fields.equals(options.fields()) && fields.size() == 1) {
        // A term inside `field:( … )` searches that field: name it, as the term alone does not.
        clauseText = fields.get(0) + ":" + clauseText;
      }
      ClausePlan plan =
          clause.query() instanceof LuceneGroup group
              ? clauses(group.query(), clauseFields, clauseText)
              : ClausePlan.leaf(clauseText, node(clause.query(), clauseFields));
      clauses.add(plan);
      predicates.add(plan.plan());
    }
    DocPredicate plan = combine(occurs, predicates);
    List<ClausePlan> required = new ArrayList<>();
    List<ClausePlan> should = new ArrayList<>();
    boolean positiveMust = occurs.contains(Occur.MUST);
    for (int i = 0; i < occurs.size(); i++) {
      ClausePlan clause = clauses.get(i);
      switch (occurs.get(i)) {
        case MUST -> required.add(clause);
        case SHOULD -> should.add(clause);
        case MUST_NOT -> {
          LuceneClause written = query.clauses().get(i);
          required.add(
              ClausePlan.node(
                  ClausePlan.collapse(
                      CONJUNCTION
                          .matcher(ClausePlan.source(text, written.span()))
                          .replaceFirst("")),
                  new DocPredicate.Not(clause.plan()),
                  List.of(clause)));
        }
      }
    }
    List<ClausePlan> children = new ArrayList<>(required);
    if (positiveMust) {
      for (ClausePlan optional : should) {
        children.add(
            new ClausePlan(
                "optional, decides nothing: " + optional.text(),
                optional.plan(),
                optional.isLeaf(),
                optional.children()));
      }
    } else if (should.size() == 1 || (required.isEmpty() && !should.isEmpty())) {
      // A lone alternative, or a group of alternatives only: this node is their "any of".
      children.addAll(should);
    } else if (!should.isEmpty()) {
      List<DocPredicate> any = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (ClausePlan alternative : should) {
        any.add(alternative.plan());
        texts.add(alternative.text());
      }
      children.add(
          ClausePlan.node(
              "any of: " + String.join(" | ", texts), new DocPredicate.AnyOf(any), should));
    }
    if (children.size() == 1 && occurs.size() == 1) {
      return children.get(0);
    }
    return ClausePlan.node(queryText, plan, children);
  }

  /** A leading conjunction ({@code AND}, {@code ||}…), which is not part of the clause. */
  private static final java.util.regex.Pattern CONJUNCTION =
      java.util.regex.Pattern.compile("^(?:AND\\b|OR\\b|&&|\\|\\|)\\s*");

  /** A leading modifier ({@code +}, {@code -}, {@code !}, {@code NOT}). */
  private static final java.util.regex.Pattern MODIFIER =
      java.util.regex.Pattern.compile("^(?:[+\\-!]|NOT\\b)\\s*");

  /** The clause as written without its conjunction and modifier, which its parent explains. */
  private String clauseText(LuceneClause clause) {
    String written = ClausePlan.source(text, clause.span());
    String withoutConjunction = CONJUNCTION.matcher(written).replaceFirst("");
    return ClausePlan.collapse(MODIFIER.matcher(withoutConjunction).replaceFirst(""));
  }

  private DocPredicate node(LuceneNode node, List<String> fields) {
    return node.accept(new NodeVisitor(fields));
  }

  /** Compiles one node for the current default fields. */
  private final class NodeVisitor implements LuceneVisitor<DocPredicate> {
    private final List<String> fields;

    NodeVisitor(List<String> fields) {
      this.fields = fields;
    }

    @Override
    public DocPredicate visitQuery(LuceneQuery node) {
      return query(node, fields);
    }

    @Override
    public DocPredicate visitGroup(LuceneGroup node) {
      return query(node.query(), fields);
    }

    @Override
    public DocPredicate visitTerm(LuceneTerm node) {
      switch (node.kind()) {
        case STAR:
          if (isAllFields(fields)) {
            return DocPredicate.TRUE;
          }
          return perField(node.span(), fields, FieldQueries::exists);
        case PREFIX:
        case WILDCARD:
          {
            WildcardPattern pattern = WildcardPattern.parseEscaped(node.image());
            if (pattern.elements().size() == 1 && isAllFields(fields)) {
              return DocPredicate.TRUE;
            }
            return perField(
                node.span(),
                fields,
                field ->
                    QueryStrings.wildcardTerm(field, pattern, options.analyzeWildcard(), clock));
          }
        case PLAIN:
        case BARE_OPERATOR:
        default:
          if (node.fuzzySlop().isPresent()) {
            String slop = node.fuzzySlop().get().replace("~", "");
            return perField(node.span(), fields, field -> fuzzy(field, node.text(), slop));
          }
          return perField(
              node.span(), fields, field -> QueryStrings.term(field, node.text(), clock));
      }
    }

    @Override
    public DocPredicate visitMultiTerm(LuceneMultiTerm node) {
      String joined = String.join(" ", node.terms());
      return perField(node.span(), fields, field -> QueryStrings.term(field, joined, clock));
    }

    @Override
    public DocPredicate visitPhrase(LucenePhrase node) {
      int slop =
          node.slop()
              .map(s -> s.replace("~", ""))
              .filter(s -> !s.isEmpty())
              .map(Integer::parseInt)
              .orElse(0);
      return perField(
          node.span(), fields, field -> FieldQueries.matchPhrase(field, node.text(), slop, clock));
    }

    @Override
    public DocPredicate visitRange(LuceneRange node) {
      Object lower = node.lower().orElse(null);
      Object upper = node.upper().orElse(null);
      return perField(
          node.span(),
          fields,
          field ->
              FieldQueries.range(
                  field,
                  lower,
                  upper,
                  node.lowerInclusive(),
                  node.upperInclusive(),
                  options.zone(),
                  clock));
    }

    @Override
    public DocPredicate visitRegexp(LuceneRegexp node) {
      LuceneRegex regex;
      try {
        // The default budgets: Elasticsearch's index.max_regex_length and a state bound.
        regex = LuceneRegex.compile(node.pattern(), RegexOptions.DEFAULTS);
      } catch (RegexSyntaxException | PatternTooComplexException e) {
        problems.add(new Problem(node.span(), e.getMessage()));
        return DocPredicate.FALSE;
      }
      return perField(node.span(), fields, field -> regexp(field, regex));
    }

    @Override
    public DocPredicate visitExists(LuceneExists node) {
      List<DocPredicate> any = new ArrayList<>();
      List<String> names = expand(node.field());
      if (names.isEmpty()) {
        names = Fields.leavesUnder(schema, node.field());
      }
      for (String name : names) {
        Fields.resolve(schema, name)
            .filter(field -> field.nestedPath().equals(nestedPath))
            .ifPresent(
                field -> {
                  try {
                    any.add(FieldQueries.exists(field));
                  } catch (FieldQueryError e) {
                    // exotic leaves are skipped
                  }
                });
      }
      return any.isEmpty() ? DocPredicate.FALSE : new DocPredicate.AnyOf(any);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // fields

  private static boolean isAllFields(List<String> fields) {
    return fields.isEmpty() || (fields.size() == 1 && fields.get(0).equals("*"));
  }

  /** Names a field or pattern resolves to; {@code *} alone means every default field. */
  private List<String> expand(String name) {
    if (name.indexOf('*') >= 0) {
      return Fields.expand(schema, WildcardPattern.parseEscaped(name));
    }
    return Fields.resolve(schema, name).isPresent() ? List.of(name) : List.of();
  }

  /**
   * Builds the query on every field the current fields stand for and ORs them. Over the default
   * {@code *} fields the query is lenient (Elasticsearch sets lenient for an all-fields query);
   * otherwise a field that cannot take the value fails the query unless {@code lenient} is set.
   */
  private DocPredicate perField(
      Span span, List<String> names, Function<ResolvedField, DocPredicate> build) {
    boolean allFields = isAllFields(names);
    boolean lenient = options.lenient() || allFields;
    List<ResolvedField> fields = new ArrayList<>();
    if (allFields) {
      for (FieldMapping mapping : schema.fields()) {
        FieldType type = mapping.type();
        if (type.isContainer()
            || type == FieldType.ALIAS
            || type == FieldType.GEO_POINT
            || type == FieldType.BINARY
            || type == FieldType.UNSUPPORTED) {
          continue;
        }
        Fields.resolve(schema, mapping.path()).ifPresent(fields::add);
      }
    } else {
      for (String name : names) {
        for (String expanded : expand(name)) {
          Fields.resolve(schema, expanded).ifPresent(fields::add);
        }
      }
    }
    List<DocPredicate> any = new ArrayList<>();
    for (ResolvedField field : fields) {
      if (!field.nestedPath().equals(nestedPath)) {
        continue; // nested documents are not searched outside a nested query
      }
      try {
        DocPredicate clause = build.apply(field);
        if (!clause.equals(DocPredicate.FALSE)) {
          any.add(clause);
        }
      } catch (FieldQueryError | PatternTooComplexException e) {
        if (!lenient) {
          problems.add(new Problem(span, e.getMessage()));
        }
      }
    }
    if (any.isEmpty()) {
      return DocPredicate.FALSE;
    }
    return any.size() == 1 ? any.get(0) : new DocPredicate.AnyOf(any);
  }

  // ---------------------------------------------------------------------------------------------
  // fuzzy and regexp

  /**
   * {@code term~N}: values (tokens on text fields) within N edits (insertions, deletions,
   * substitutions and transpositions of adjacent characters) of the normalised term. Without N,
   * Elasticsearch's {@code AUTO} fuzziness: 0 edits up to 2 characters, 1 up to 5, else 2.
   */
  private static DocPredicate fuzzy(ResolvedField field, String term, String slop) {
    FieldType type = field.type();
    if (!type.isKeywordFamily() && !type.isText()) {
      throw new FieldQueryError(
          "Can only use fuzzy queries on keyword and text fields - not on ["
              + field.name()
              + "] which is of type ["
              + field.typeName()
              + "]");
    }
    String normalized =
        type.isText() || field.mapping().lowercases() ? CaseFolding.lower(term) : term;
    int length = normalized.codePointCount(0, normalized.length());
    int edits;
    if (slop.isEmpty()) {
      edits = length <= 2 ? 0 : length <= 5 ? 1 : 2;
    } else {
      edits = Math.min(2, (int) Math.floor(Double.parseDouble(slop)));
    }
    int maxEdits = edits;
    ValueTest test =
        ValueTest.of(
            "fuzzy[" + normalized + "~" + maxEdits + "]",
            indexed -> {
              if (type.isText()) {
                for (String token : StandardAnalyzer.analyze((String) indexed)) {
                  if (EditDistance.withinOsa(token, normalized, maxEdits)) {
                    return true;
                  }
                }
                return false;
              }
              return EditDistance.withinOsa((String) indexed, normalized, maxEdits);
            });
    return new DocPredicate.FieldMatch(field.name(), field.sourcePath(), field.mapping(), test);
  }

  /** {@code /regex/}: the whole value of keyword-like fields, any token of text fields. */
  private static DocPredicate regexp(ResolvedField field, LuceneRegex regex) {
    FieldType type = field.type();
    if (!type.isKeywordFamily() && !type.isText()) {
      throw new FieldQueryError(
          "Can only use regexp queries on keyword and text fields - not on ["
              + field.name()
              + "] which is of type ["
              + field.typeName()
              + "]");
    }
    ValueTest test =
        ValueTest.of(
            "regexp[" + regex + "]",
            indexed -> {
              if (type.isText()) {
                for (String token : StandardAnalyzer.analyze((String) indexed)) {
                  if (regex.matches(token)) {
                    return true;
                  }
                }
                return false;
              }
              return regex.matches((String) indexed);
            });
    return new DocPredicate.FieldMatch(field.name(), field.sourcePath(), field.mapping(), test);
  }
}

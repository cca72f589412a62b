package dev.vigil.kql.compile;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.event.Event;
import dev.vigil.core.schema.FieldMapping;
import dev.vigil.core.schema.Schema;
import dev.vigil.core.source.QueryException;
import dev.vigil.core.source.Span;
import dev.vigil.core.value.Coercion;
import dev.vigil.kql.ast.KqlNode;
import dev.vigil.kql.lucene.LuceneParser;
import dev.vigil.kql.parser.KqlParser;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled query clause by clause, each clause keyed to the text it was written as: the input of
 * {@code dev.vigil.kql.explain}, which evaluates every clause on an event to say why it matched or
 * not. <em>Internal</em>: public only for that package; its shape follows the explainer's needs.
 *
 * <p>Every clause holds the plan the compiler builds for it, made by the same translators: a leaf
 * (a KQL {@code field:value}, a Lucene term, a DSL {@code term}…) is translated on its own, which
 * gives the plan it has inside the whole query because translation of a leaf depends only on the
 * leaf (and the nesting level, which leaves never cross); a boolean node's plan is combined from
 * its children exactly as the translator combines them. The root's plan is therefore the compiled
 * query's plan, and {@link #test} gives the compiled query's answer.
 *
 * <p>Built only for explanations: the compilers' own entry points never build one, so normal
 * evaluation pays nothing. Immutable.
 */
public final class ClausePlan {
  private final String text;
  private final DocPredicate plan;
  private final boolean leaf;
  private final List<ClausePlan> children;

  ClausePlan(String text, DocPredicate plan, boolean leaf, List<ClausePlan> children) {
    this.text = requireNonNull(text, "text is null");
    this.plan = requireNonNull(plan, "plan is null");
    this.leaf = leaf;
    this.children = List.copyOf(children);
  }

  static ClausePlan leaf(String text, DocPredicate plan) {
    return new ClausePlan(text, plan, true, List.of());
  }

  static ClausePlan node(String text, DocPredicate plan, List<ClausePlan> children) {
    return new ClausePlan(text, plan, false, children);
  }

  /**
   * The values one field of a leaf holds in an event.
   *
   * @param field the field name as queried
   * @param indexed the values as Elasticsearch indexes them (typed, normalized; malformed values
   *     and values over {@code ignore_above} dropped)
   * @param source the values in the event's source, before indexing
   */
  public record FieldValues(String field, List<Object> indexed, List<Object> source) {
    public FieldValues {
      requireNonNull(field, "field is null");
      indexed = List.copyOf(indexed);
      source = List.copyOf(source);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // entry points, one per language, mirroring the compilers'

  /**
   * The clauses of a KQL query, as {@link KqlCompiler#compile(String, Schema, Clock)} compiles it.
   *
   * @throws QueryException as the compiler throws it
   */
  public static ClausePlan kql(String kql, Schema schema, Clock clock) {
    KqlNode ast = KqlParser.parse(kql);
    // The whole query is translated first so that errors are reported exactly as the compiler
    // reports them (all problems at once); after that, no clause can fail.
    KqlTranslator.translate(kql, ast, schema, clock);
    return KqlTranslator.clauses(kql, ast, schema, clock);
  }

  /**
   * The clauses of a Lucene query string, as {@link LuceneCompiler#compile(String, Schema, Clock)}
   * compiles it.
   *
   * @throws QueryException as the compiler throws it
   */
  public static ClausePlan lucene(String query, Schema schema, Clock clock) {
    LuceneParser.parse(query);
    LuceneTranslator.Options options =
        new LuceneTranslator.Options(List.of(), true, false, false, ZoneId.of("UTC"));
    LuceneTranslator.translate(query, schema, clock, Optional.empty(), options);
    return LuceneTranslator.clauses(query, schema, clock, options);
  }

  /**
   * The clauses of a rule's {@code filters}, as {@link FilterCompiler#compile(List, Schema, Clock)}
   * compiles them: one child per filter, a negated one under a {@code NOT} node, a disabled one
   * marked and always true.
   *
   * @throws QueryException as the compiler throws it
   */
  public static ClausePlan filters(List<JsonNode> filters, Schema schema, Clock clock) {
    FilterCompiler.compile(filters, schema, clock);
    List<ClausePlan> children = new ArrayList<>();
    List<DocPredicate> clauses = new ArrayList<>();
    for (JsonNode filter : filters) {
      String json = filter.toString();
      JsonNode meta = filter.path("meta");
      if (meta.path("disabled").asBoolean(false)) {
        children.add(leaf("disabled, ignored: " + json, DocPredicate.TRUE));
        continue;
      }
      JsonNode query = FilterCompiler.clauseOf(filter, json);
      ClausePlan clause = DslTranslator.clauses(json, query, schema, clock);
      if (meta.path("negate").asBoolean(false)) {
        DocPredicate negated = new DocPredicate.Not(clause.plan);
        clauses.add(negated);
        children.add(node("NOT " + query, negated, List.of(clause)));
      } else {
        clauses.add(clause.plan);
        children.add(clause);
      }
    }
    DocPredicate plan =
        clauses.isEmpty()
            ? DocPredicate.TRUE
            : clauses.size() == 1 ? clauses.get(0) : new DocPredicate.AllOf(clauses);
    return node("filters", plan, children);
  }

  /**
   * The clauses of one query DSL clause, as {@link FilterCompiler#compileDsl(JsonNode, Schema,
   * Clock)} compiles it.
   *
   * @throws QueryException as the compiler throws it
   */
  public static ClausePlan dsl(JsonNode query, Schema schema, Clock clock) {
    String json = query.toString();
    DslTranslator.translate(json, query, schema, clock);
    return DslTranslator.clauses(json, query, schema, clock);
  }

  /** The source text of {@code span} in {@code text}, whitespace runs collapsed to one space. */
  static String source(String text, Span span) {
    int end = Math.min(text.length(), span.offset() + span.length());
    return collapse(text.substring(Math.min(span.offset(), end), end));
  }

  /** Collapses whitespace runs so that a multi-line clause renders on one line. */
  static String collapse(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  DocPredicate plan() {
    return plan;
  }

  // ---------------------------------------------------------------------------------------------
  // accessors

  /** The clause as written (a DSL clause as compact JSON), with whitespace runs collapsed. */
  public String text() {
    return text;
  }

  /** True for a clause with no sub-clauses to explain (its fields are listed instead). */
  public boolean isLeaf() {
    return leaf;
  }

  public List<ClausePlan> children() {
    return children;
  }

  /** The clause's compiled plan, rendered as the compilers render plans. */
  public String planText() {
    return plan.toString();
  }

  /** Whether the event matches this clause, by the compiled plan. */
  public boolean test(Event event) {
    return plan.test(new EventDoc(event));
  }

  /**
   * The fields this clause's plan reads, each once in plan order, with their values in {@code
   * event}.
   */
  public List<FieldValues> fieldValues(Event event) {
    Map<String, FieldValues> fields = new LinkedHashMap<>();
    collect(plan, new EventDoc(event), fields);
    return List.copyOf(fields.values());
  }

  private static void collect(DocPredicate plan, Doc doc, Map<String, FieldValues> out) {
    if (plan instanceof DocPredicate.FieldMatch match) {
      if (!out.containsKey(match.field())) {
        out.put(
            match.field(), values(match.field(), doc.values(match.sourcePath()), match.mapping()));
      }
    } else if (plan instanceof DocPredicate.FlattenedMatch match) {
      if (!out.containsKey(match.field())) {
        List<Object> source = new ArrayList<>();
        doc.anyValueUnder(
            match.field(),
            (path, value) -> {
              source.add(value);
              return false;
            });
        out.put(match.field(), values(match.field(), source, match.keyword()));
      }
    } else if (plan instanceof DocPredicate.NestedMatch nested) {
      // Inside nested objects the fields have full paths: the event's values at those paths are
      // the values of all its objects together, which is what a reader wants to see.
      collect(nested.query(), doc, out);
    } else if (plan instanceof DocPredicate.AllOf all) {
      all.children().forEach(child -> collect(child, doc, out));
    } else if (plan instanceof DocPredicate.AnyOf any) {
      any.children().forEach(child -> collect(child, doc, out));
    } else if (plan instanceof DocPredicate.AtLeast atLeast) {
      atLeast.children().forEach(child -> collect(child, doc, out));
    } else if (plan instanceof DocPredicate.Not not) {
      collect(not.child(), doc, out);
    }
  }

  private static FieldValues values(String field, List<Object> source, FieldMapping mapping) {
    List<Object> indexed = new ArrayList<>(source.size());
    for (Object value : source) {
      Object coerced = Coercion.coerceOrNull(value, mapping);
      if (coerced != null) {
        indexed.add(coerced);
      }
    }
    return new FieldValues(field, indexed, source);
  }

  @Override
  public String toString() {
    return text + " => " + plan;
  }
}

package dev.vigil.rules.validate;

import dev.vigil.core.source.Span;
import dev.vigil.kql.ast.And;
import dev.vigil.kql.ast.Is;
import dev.vigil.kql.ast.KqlNode;
import dev.vigil.kql.ast.Literal;
import dev.vigil.kql.ast.Nested;
import dev.vigil.kql.ast.Not;
import dev.vigil.kql.ast.Or;
import dev.vigil.kql.ast.Range;
import dev.vigil.kql.ast.UnquotedLiteral;
import dev.vigil.kql.lucene.LuceneClause;
import dev.vigil.kql.lucene.LuceneExists;
import dev.vigil.kql.lucene.LuceneGroup;
import dev.vigil.kql.lucene.LuceneNode;
import dev.vigil.kql.lucene.LuceneQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the field names a KQL or Lucene query names, with where each is written, so that names
 * the schema does not know can be warned about. Names inside a KQL nested group ({@code path:{
 * field: value }}) are relative to the group and are reported with the path in front, as Kibana
 * resolves them ({@code kuery/functions/nested.ts}). Stateless.
 */
final class FieldReferences {
  private FieldReferences() {}

  /**
   * A field named in a query.
   *
   * @param name the full field name
   * @param span where the name is written in the query
   * @param pattern true when the name holds {@code *} wildcards and stands for the fields it
   *     matches
   */
  record Reference(String name, Span span, boolean pattern) {}

  /** The fields of a parsed KQL query, each written place once, in query order. */
  static List<Reference> kql(KqlNode query) {
    // A value list f:(a or b) yields one Is per value with the same field literal: key by span.
    Map<Integer, Reference> references = new LinkedHashMap<>();
    kql(query, "", references);
    return new ArrayList<>(references.values());
  }

  private static void kql(KqlNode node, String prefix, Map<Integer, Reference> out) {
    if (node instanceof Or or) {
      or.children().forEach(child -> kql(child, prefix, out));
    } else if (node instanceof And and) {
      and.children().forEach(child -> kql(child, prefix, out));
    } else if (node instanceof Not not) {
      kql(not.child(), prefix, out);
    } else if (node instanceof Nested nested) {
      add(nested.path(), prefix, out);
      kql(nested.query(), prefix + nested.path().text() + ".", out);
    } else if (node instanceof Is is) {
      add(is.field(), prefix, out);
    } else if (node instanceof Range range) {
      add(range.field(), prefix, out);
    }
    // FreeText and MatchAll name no field.
  }

  private static void add(Literal field, String prefix, Map<Integer, Reference> out) {
    boolean pattern = field instanceof UnquotedLiteral unquoted && unquoted.hasWildcard();
    String name = prefix + field.text();
    if (pattern && field.text().equals("*")) {
      return; // every field: nothing to check
    }
    out.putIfAbsent(field.span().offset(), new Reference(name, field.span(), pattern));
  }

  /** The fields of a parsed Lucene query string; {@code text} is the query the spans index. */
  static List<Reference> lucene(LuceneQuery query, String text) {
    List<Reference> out = new ArrayList<>();
    lucene(query, text, out);
    return out;
  }

  private static void lucene(LuceneNode node, String text, List<Reference> out) {
    if (node instanceof LuceneQuery query) {
      for (LuceneClause clause : query.clauses()) {
        Optional<String> field = clause.field();
        if (field.isPresent() && !field.get().contains("?") && !field.get().equals("*")) {
          int at = text.indexOf(field.get(), clause.span().offset());
          Span span =
              at < 0 || at > clause.span().offset() + clause.span().length()
                  ? clause.span()
                  : Span.of(text, at, field.get().length());
          out.add(new Reference(field.get(), span, field.get().contains("*")));
        }
        lucene(clause.query(), text, out);
      }
    } else if (node instanceof LuceneGroup group) {
      lucene(group.query(), text, out);
    } else if (node instanceof LuceneExists exists) {
      out.add(new Reference(exists.field(), exists.span(), exists.field().contains("*")));
    }
  }
}

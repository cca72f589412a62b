package dev.vigil.kql.lucene;

import java.util.Optional;

/**
 * Renders a Lucene query tree as deterministic indented text for golden tests. Stateless. Text
 * values are shown in Java string notation so that control characters stay visible.
 */
public final class LuceneTreeRenderer {
  private LuceneTreeRenderer() {}

  /** The tree, one node per line, clauses prefixed by their conjunction, modifier and field. */
  public static String render(LuceneNode node) {
    StringBuilder out = new StringBuilder();
    render(node, 0, out);
    return out.toString();
  }

  private static void render(LuceneNode node, int depth, StringBuilder out) {
    String indent = "  ".repeat(depth);
    node.accept(
        new LuceneVisitor<Void>() {
          @Override
          public Void visitQuery(LuceneQuery query) {
            out.append(indent).append("Query\n");
            for (LuceneClause clause : query.clauses()) {
              out.append(indent)
                  .append("  Clause ")
                  .append(clause.conjunction())
                  .append(' ')
                  .append(clause.modifier());
              clause.field().ifPresent(field -> out.append(" field=").append(quote(field)));
              out.append('\n');
              render(clause.query(), depth + 2, out);
            }
            return null;
          }

          @Override
          public Void visitGroup(LuceneGroup group) {
            out.append(indent).append("Group").append(suffix("boost", group.boost())).append('\n');
            render(group.query(), depth + 1, out);
            return null;
          }

          @Override
          public Void visitTerm(LuceneTerm term) {
            out.append(indent)
                .append("Term ")
                .append(term.kind())
                .append(' ')
                .append(quote(term.image()))
                .append(" text=")
                .append(quote(term.text()))
                .append(suffix("fuzzy", term.fuzzySlop()))
                .append(suffix("boost", term.boost()))
                .append('\n');
            return null;
          }

          @Override
          public Void visitMultiTerm(LuceneMultiTerm multiTerm) {
            out.append(indent).append("MultiTerm");
            for (String term : multiTerm.terms()) {
              out.append(' ').append(quote(term));
            }
            out.append('\n');
            return null;
          }

          @Override
          public Void visitPhrase(LucenePhrase phrase) {
            out.append(indent)
                .append("Phrase ")
                .append(quote(phrase.text()))
                .append(suffix("slop", phrase.slop()))
                .append(suffix("boost", phrase.boost()))
                .append('\n');
            return null;
          }

          @Override
          public Void visitRange(LuceneRange range) {
            out.append(indent)
                .append("Range ")
                .append(range.lowerInclusive() ? '[' : '{')
                .append(range.lower().map(LuceneTreeRenderer::quote).orElse("*"))
                .append(" TO ")
                .append(range.upper().map(LuceneTreeRenderer::quote).orElse("*"))
                .append(range.upperInclusive() ? ']' : '}')
                .append(suffix("boost", range.boost()))
                .append('\n');
            return null;
          }

          @Override
          public Void visitRegexp(LuceneRegexp regexp) {
            out.append(indent)
                .append("Regexp ")
                .append(quote(regexp.pattern()))
                .append(suffix("boost", regexp.boost()))
                .append('\n');
            return null;
          }

          @Override
          public Void visitExists(LuceneExists exists) {
            out.append(indent).append("Exists ").append(quote(exists.field())).append('\n');
            return null;
          }
        });
  }

  private static String suffix(String name, Optional<String> value) {
    return value.map(text -> " " + name + "=" + text).orElse("");
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}

package dev.vigil.kql.ast;

import dev.vigil.core.source.Span;

/**
 * Renders a KQL tree as deterministic indented text, one node per line, for golden tests and
 * EXPLAIN output. Stateless.
 *
 * <p>Literals render as {@code quoted("…")}, {@code text("…")} (unquoted, no wildcard), {@code
 * pattern("…")} (unquoted with wildcards: {@code *} is a wildcard, {@code \*} an escaped asterisk
 * and {@code \\} a backslash) or a bare {@code true}/{@code false}/{@code null}. Text inside the
 * quotes uses Java string escapes so that control characters stay visible.
 */
public final class KqlTreeRenderer {
  private KqlTreeRenderer() {}

  /** The tree without spans. */
  public static String render(KqlNode node) {
    StringBuilder out = new StringBuilder();
    render(node, 0, false, out);
    return out.toString();
  }

  /** The tree with each node's span as {@code @line:column+length}. */
  public static String renderWithSpans(KqlNode node) {
    StringBuilder out = new StringBuilder();
    render(node, 0, true, out);
    return out.toString();
  }

  /** One literal in the notation described in the class comment. */
  public static String render(Literal literal) {
    return literal.accept(LITERALS);
  }

  private static final LiteralVisitor<String> LITERALS =
      new LiteralVisitor<>() {
        @Override
        public String visitQuoted(QuotedLiteral literal) {
          return "quoted(\"" + escape(literal.value(), false) + "\")";
        }

        @Override
        public String visitUnquoted(UnquotedLiteral literal) {
          switch (literal.kind()) {
            case TRUE:
              return "true";
            case FALSE:
              return "false";
            case NULL:
              return "null";
            case STRING:
              return "text(\"" + escape(literal.text(), false) + "\")";
            case WILDCARD:
              StringBuilder pattern = new StringBuilder("pattern(\"");
              for (Piece piece : literal.pieces()) {
                pattern.append(
                    piece instanceof Piece.Chars chars ? escape(chars.value(), true) : "*");
              }
              return pattern.append("\")").toString();
          }
          throw new AssertionError(literal.kind());
        }
      };

  private static void render(KqlNode node, int depth, boolean spans, StringBuilder out) {
    out.append("  ".repeat(depth));
    node.accept(
        new KqlVisitor<Void>() {
          @Override
          public Void visitOr(Or or) {
            line(out, "Or", or.span(), spans);
            for (KqlNode child : or.children()) {
              render(child, depth + 1, spans, out);
            }
            return null;
          }

          @Override
          public Void visitAnd(And and) {
            line(out, "And", and.span(), spans);
            for (KqlNode child : and.children()) {
              render(child, depth + 1, spans, out);
            }
            return null;
          }

          @Override
          public Void visitNot(Not not) {
            line(out, "Not", not.span(), spans);
            render(not.child(), depth + 1, spans, out);
            return null;
          }

          @Override
          public Void visitNested(Nested nested) {
            line(out, "Nested path=" + render(nested.path()), nested.span(), spans);
            render(nested.query(), depth + 1, spans, out);
            return null;
          }

          @Override
          public Void visitRange(Range range) {
            String text =
                "Range field="
                    + render(range.field())
                    + " "
                    + range.operator().symbol()
                    + " value="
                    + render(range.value());
            line(out, text, range.span(), spans);
            return null;
          }

          @Override
          public Void visitIs(Is is) {
            line(
                out,
                "Is field=" + render(is.field()) + " value=" + render(is.value()),
                is.span(),
                spans);
            return null;
          }

          @Override
          public Void visitFreeText(FreeText freeText) {
            line(out, "FreeText value=" + render(freeText.value()), freeText.span(), spans);
            return null;
          }

          @Override
          public Void visitMatchAll(MatchAll matchAll) {
            line(out, "MatchAll", matchAll.span(), spans);
            return null;
          }
        });
  }

  private static void line(StringBuilder out, String text, Span span, boolean spans) {
    out.append(text);
    if (spans) {
      out.append(" @").append(span).append('+').append(span.length());
    }
    out.append('\n');
  }

  private static String escape(String text, boolean escapeAsterisk) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '*' -> out.append(escapeAsterisk ? "\\*" : "*");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0xa0 || (Character.isWhitespace(c) && c != ' ')) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}

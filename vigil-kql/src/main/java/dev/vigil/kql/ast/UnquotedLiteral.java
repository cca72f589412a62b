package dev.vigil.kql.ast;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A literal written without quotes, after Kibana's processing of grammar rule {@code
 * UnquotedLiteral}: escapes decoded, surrounding whitespace trimmed with JavaScript {@code trim}
 * semantics. It is a wildcard pattern when it has at least one {@link Piece.Wildcard}, the JSON
 * constant {@code true}, {@code false} or {@code null} when its whole text is that lower-case word,
 * and a string otherwise ({@link #kind()}). Numbers are not parsed here: Elasticsearch converts the
 * string per field type (kql-semantics.md §2.4).
 *
 * <p>Pieces are normalised: no empty or adjacent {@link Piece.Chars}. The list is empty only for a
 * literal that was whitespace alone (for example {@code \t}), which Kibana keeps as the empty
 * string.
 */
public record UnquotedLiteral(List<Piece> pieces, Span span) implements Literal {

  /** What Kibana builds from an unquoted literal. */
  public enum Kind {
    STRING,
    WILDCARD,
    TRUE,
    FALSE,
    NULL
  }

  public UnquotedLiteral {
    requireNonNull(pieces, "pieces is null");
    requireNonNull(span, "span is null");
    pieces = normalize(pieces);
  }

  /** An unquoted literal of plain characters with no wildcard. */
  public static UnquotedLiteral ofText(String text, Span span) {
    return new UnquotedLiteral(text.isEmpty() ? List.of() : List.of(new Piece.Chars(text)), span);
  }

  @Override
  public <R> R accept(LiteralVisitor<R> visitor) {
    return visitor.visitUnquoted(this);
  }

  @Override
  public String text() {
    StringBuilder text = new StringBuilder();
    for (Piece piece : pieces) {
      text.append(piece instanceof Piece.Chars chars ? chars.value() : "*");
    }
    return text.toString();
  }

  /**
   * The node type Kibana builds. The constants are tested first, as in the grammar's action; they
   * can only come from plain text since they contain no {@code *}.
   */
  public Kind kind() {
    if (hasWildcard()) {
      return Kind.WILDCARD;
    }
    String text = text();
    return switch (text) {
      case "true" -> Kind.TRUE;
      case "false" -> Kind.FALSE;
      case "null" -> Kind.NULL;
      default -> Kind.STRING;
    };
  }

  /** True when at least one piece is a wildcard. */
  public boolean hasWildcard() {
    for (Piece piece : pieces) {
      if (piece instanceof Piece.Wildcard) {
        return true;
      }
    }
    return false;
  }

  /**
   * True for a value that is exactly one unescaped {@code *}, which Kibana turns into an exists
   * test (or match-all when the field is one too); {@code **} is not lone (kibana {@code
   * node_types/wildcard.ts isLoneWildcard}).
   */
  public boolean isLoneWildcard() {
    return pieces.size() == 1 && pieces.get(0) instanceof Piece.Wildcard;
  }

  private static List<Piece> normalize(List<Piece> pieces) {
    List<Piece> result = new ArrayList<>(pieces.size());
    StringBuilder run = new StringBuilder();
    for (Piece piece : pieces) {
      requireNonNull(piece, "piece is null");
      if (piece instanceof Piece.Chars chars) {
        run.append(chars.value());
      } else {
        if (!run.isEmpty()) {
          result.add(new Piece.Chars(run.toString()));
          run.setLength(0);
        }
        result.add(Piece.WILDCARD);
      }
    }
    if (!run.isEmpty()) {
      result.add(new Piece.Chars(run.toString()));
    }
    return List.copyOf(result);
  }
}

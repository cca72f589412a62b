package dev.vigil.kql.ast;

import static java.util.Objects.requireNonNull;

/**
 * One part of an {@link UnquotedLiteral}: a run of literal characters or one wildcard. Kibana marks
 * each unescaped {@code *} with a symbol while parsing (grammar rule {@code Wildcard}, {@code
 * kuery/node_types/wildcard.ts}); the pieces keep that distinction without a magic string.
 */
public sealed interface Piece permits Piece.Chars, Piece.Wildcard {

  /** Decoded characters, never empty; an escaped {@code \*} appears here as a plain {@code *}. */
  record Chars(String value) implements Piece {
    public Chars {
      requireNonNull(value, "value is null");
      if (value.isEmpty()) {
        throw new IllegalArgumentException("a chars piece is never empty");
      }
    }
  }

  /** An unescaped {@code *}: any sequence of characters, including none. */
  record Wildcard() implements Piece {}

  /** The one wildcard piece; all wildcards are equal. */
  Wildcard WILDCARD = new Wildcard();
}

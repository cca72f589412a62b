package dev.vigil.eql.parser;

import static java.util.Objects.requireNonNull;

/**
 * One token: its kind, its place in the query text ({@code [start, end)} char offsets) and, for
 * strings, numbers and identifiers, its decoded value.
 *
 * @param text the token exactly as written
 * @param value the decoded value: the unescaped string, the identifier without backquotes or {@code
 *     ~}, the digits of a number; empty for keywords and operators
 */
record Token(TokenType type, int start, int end, String text, String value) {

  Token {
    requireNonNull(type, "type is null");
    requireNonNull(text, "text is null");
    requireNonNull(value, "value is null");
  }

  boolean is(TokenType other) {
    return type == other;
  }
}

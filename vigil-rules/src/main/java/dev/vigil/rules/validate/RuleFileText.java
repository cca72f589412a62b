package dev.vigil.rules.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.core.source.Span;
import dev.vigil.rules.load.KeyPosition;
import dev.vigil.rules.load.TomlKeys;
import dev.vigil.rules.model.RuleSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a rule file, read again when a problem must be located in it: where a key of a rule
 * is written, and where each character of a string value (a query) is, so that a problem inside a
 * query is reported at its {@code file:line:column}.
 *
 * <p>Mapping a query offset to the file is not a plain shift: TOML basic strings ({@code "…"} and
 * {@code """…"""}) and JSON strings hold escapes ({@code \\}, {@code \"}, {@code \\u0041}), a
 * multi-line basic string may hold line-ending backslashes that swallow the following whitespace,
 * and CRLF files decode line ends to LF. The mapping walks the raw text next to the decoded value
 * and falls back to a plain shift when the two disagree. Immutable.
 */
final class RuleFileText {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern RULE_TABLE = Pattern.compile("(?m)^\\[rule\\]");

  /** How a string value is written, which decides how its raw characters decode. */
  enum Quoting {
    /** TOML literal strings ({@code '…'}, {@code '''…'''}): no escapes. */
    LITERAL,
    /** TOML single-line basic strings and JSON strings: backslash escapes. */
    BASIC,
    /** TOML multi-line basic strings: escapes and line-ending backslashes. */
    MULTI_LINE_BASIC
  }

  /** Where a string value's raw text starts in the file, and how it is quoted. */
  record StringValue(int start, Quoting quoting) {}

  private final String text;
  private final int[] lineStarts;
  private final boolean toml;

  private RuleFileText(Path file, String text) {
    this.text = text;
    this.toml = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".toml");
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The file's text, or empty when it cannot be read (then problems keep coarser positions). */
  static Optional<RuleFileText> read(Path file) {
    try {
      return Optional.of(new RuleFileText(file, Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** 1-based line and column of a character offset of the file. */
  KeyPosition position(int offset) {
    int low = 0;
    int high = lineStarts.length - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (lineStarts[middle] <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return new KeyPosition(low + 1, offset - lineStarts[low] + 1);
  }

  private int offsetOf(int line, int column) {
    if (line < 1 || line > lineStarts.length) {
      return -1;
    }
    return lineStarts[line - 1] + column - 1;
  }

  /** Where {@code key} of the rule at {@code source} is written. */
  Optional<KeyPosition> key(RuleSource source, String key) {
    if (toml) {
      return TomlKeys.locate(text, key);
    }
    return jsonKey(source.line(), key).map(found -> position(found[0]));
  }

  /**
   * Where the string value of {@code key} starts: for {@code query}, the position the loader
   * recorded in {@code source}; otherwise found by key.
   */
  Optional<StringValue> stringValue(RuleSource source, String key) {
    if (toml) {
      Optional<Integer> recorded = Optional.empty();
      if (key.equals("query") && source.queryLine().isPresent()) {
        recorded = Optional.of(offsetOf(source.queryLine().get(), source.queryColumn().orElse(1)));
      }
      Matcher table = RULE_TABLE.matcher(text);
      if (!table.find()) {
        return Optional.empty();
      }
      Matcher value =
          Pattern.compile("(?m)^" + Pattern.quote(key) + "\\s*=\\s*('''|\"\"\"|'|\")(\\r?\\n)?")
              .matcher(text);
      int searchFrom = table.end();
      while (searchFrom <= text.length() && value.find(searchFrom)) {
        searchFrom = value.end();
        if (recorded.isPresent() && recorded.get() != value.end()) {
          continue;
        }
        Quoting quoting =
            switch (value.group(1)) {
              case "'''", "'" -> Quoting.LITERAL;
              case "\"\"\"" -> Quoting.MULTI_LINE_BASIC;
              default -> Quoting.BASIC;
            };
        return Optional.of(new StringValue(value.end(), quoting));
      }
      return Optional.empty();
    }
    return jsonKey(source.line(), key)
        .filter(found -> found[1] >= 0)
        .map(found -> new StringValue(found[1], Quoting.BASIC));
  }

  /**
   * In the JSON object on {@code line}, the offsets of the top-level {@code key} and of the first
   * character of its string value (-1 when the value is not a string).
   */
  private Optional<int[]> jsonKey(int line, String key) {
    if (line < 1 || line > lineStarts.length) {
      return Optional.empty();
    }
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    String json = text.substring(start, end);
    try (JsonParser parser = JSON.createParser(json)) {
      int depth = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          depth++;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          depth--;
        } else if (token == JsonToken.FIELD_NAME && depth == 1 && key.equals(parser.getText())) {
          int keyOffset = (int) parser.currentTokenLocation().getCharOffset();
          JsonToken value = parser.nextToken();
          int valueOffset =
              value == JsonToken.VALUE_STRING
                  ? (int) parser.currentTokenLocation().getCharOffset() + 1
                  : -1;
          return Optional.of(
              new int[] {start + keyOffset, valueOffset < 0 ? -1 : start + valueOffset});
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The file offset of each character of {@code decoded}, the value written at {@code value}, plus
   * one entry for its end; empty when the raw text does not decode to {@code decoded}.
   */
  Optional<int[]> offsets(StringValue value, String decoded) {
    int[] offsets = new int[decoded.length() + 1];
    int raw = value.start();
    int index = 0;
    while (index < decoded.length()) {
      if (raw >= text.length()) {
        return Optional.empty();
      }
      char c = text.charAt(raw);
      if (c == '\\' && value.quoting() != Quoting.LITERAL && raw + 1 < text.length()) {
        char next = text.charAt(raw + 1);
        if (value.quoting() == Quoting.MULTI_LINE_BASIC && Character.isWhitespace(next)) {
          // A line-ending backslash: it and all whitespace and newlines after it decode to nothing.
          raw++;
          while (raw < text.length() && Character.isWhitespace(text.charAt(raw))) {
            raw++;
          }
          continue;
        }
        int length = next == 'u' ? 6 : next == 'U' ? 10 : 2;
        int produced = 1;
        if (next == 'U' && raw + 10 <= text.length()) {
          try {
            produced = Character.charCount(Integer.parseInt(text.substring(raw + 2, raw + 10), 16));
          } catch (IllegalArgumentException e) {
            return Optional.empty();
          }
        }
        for (int k = 0; k < produced && index < decoded.length(); k++) {
          offsets[index++] = raw;
        }
        raw += length;
        continue;
      }
      if (c == '\r' && decoded.charAt(index) == '\n' && raw + 1 < text.length()) {
        offsets[index++] = raw;
        raw += text.charAt(raw + 1) == '\n' ? 2 : 1;
        continue;
      }
      if (c != decoded.charAt(index)) {
        return Optional.empty();
      }
      offsets[index++] = raw++;
    }
    offsets[decoded.length()] = raw;
    return Optional.of(offsets);
  }

  /** The span of the file that {@code span} of the decoded value covers. */
  Span fileSpan(int[] offsets, Span span) {
    int from = offsets[Math.min(span.offset(), offsets.length - 1)];
    int to = offsets[Math.min(span.offset() + span.length(), offsets.length - 1)];
    KeyPosition at = position(from);
    return new Span(from, Math.max(0, to - from), at.line(), at.column());
  }
}

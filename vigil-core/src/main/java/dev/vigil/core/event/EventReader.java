package dev.vigil.core.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Streams events from inputs one at a time, so inputs of any size are read in bounded memory.
 *
 * <p>Each input is a file (NDJSON, a JSON array of objects, or one or more JSON objects that may
 * span lines, each optionally gzip-compressed, detected by content rather than name) or standard
 * input. In line mode a malformed line is reported as a {@link InputProblem} and reading goes on
 * with the next line; in a JSON array a syntax error ends that input (the rest of the array cannot
 * be delimited), and that is reported too. Non-object values are reported and skipped.
 *
 * <p>Not thread-safe. Owns the open input and closes it at its end, or on {@link #close()}.
 */
public final class EventReader implements Iterator<Event>, Closeable {
  /** How many lines one multi-line JSON document may span before it is reported as malformed. */
  public static final int DEFAULT_MAX_DOCUMENT_LINES = 100_000;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Deque<EventInput> inputs;
  private final Consumer<InputProblem> problems;
  private final int maxDocumentLines;
  private Source current;
  private Event next;
  private long eventCount;
  private long problemCount;

  private EventReader(
      List<EventInput> inputs, Consumer<InputProblem> problems, int maxDocumentLines) {
    this.inputs = new ArrayDeque<>(inputs);
    this.problems = requireNonNull(problems, "problems is null");
    this.maxDocumentLines = maxDocumentLines;
  }

  /** Reads {@code inputs} in order, reporting each unreadable part to {@code problems}. */
  public static EventReader open(List<EventInput> inputs, Consumer<InputProblem> problems) {
    return new EventReader(inputs, problems, DEFAULT_MAX_DOCUMENT_LINES);
  }

  /** As {@link #open(List, Consumer)} with a different multi-line document budget. */
  public static EventReader open(
      List<EventInput> inputs, Consumer<InputProblem> problems, int maxDocumentLines) {
    if (maxDocumentLines < 1) {
      throw new IllegalArgumentException("maxDocumentLines must be at least 1");
    }
    return new EventReader(inputs, problems, maxDocumentLines);
  }

  /** Events returned so far. */
  public long eventCount() {
    return eventCount;
  }

  /** Problems reported so far (malformed lines, unreadable inputs). */
  public long problemCount() {
    return problemCount;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      if (current == null) {
        EventInput input = inputs.poll();
        if (input == null) {
          return false;
        }
        current = openSource(input);
        if (current == null) {
          continue;
        }
      }
      try {
        next = current.read();
      } catch (IOException e) {
        report(new EventOrigin(current.name, current.lineNumber), "read failed: " + e.getMessage());
        next = null;
        closeCurrent();
        continue;
      }
      if (next == null) {
        closeCurrent();
      }
    }
    return true;
  }

  @Override
  public Event next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Event event = next;
    next = null;
    eventCount++;
    return event;
  }

  @Override
  public void close() {
    closeCurrent();
    inputs.clear();
  }

  private void closeCurrent() {
    if (current != null) {
      try {
        current.reader.close();
      } catch (IOException e) {
        // closing an input we finished reading cannot lose events; nothing to report
      }
      current = null;
    }
  }

  private void report(EventOrigin origin, String reason) {
    problemCount++;
    problems.accept(new InputProblem(origin, reason));
  }

  private Source openSource(EventInput input) {
    try {
      InputStream raw = new BufferedInputStream(input.open(), 1 << 16);
      raw.mark(2);
      int first = raw.read();
      int second = raw.read();
      raw.reset();
      InputStream decoded =
          first == 0x1f && second == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(decoded, StandardCharsets.UTF_8), 1 << 16);
      return new Source(input.name(), reader);
    } catch (IOException e) {
      report(new EventOrigin(input.name(), 0), "cannot read: " + describe(e));
      return null;
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** One open input and the state of reading it. */
  private final class Source {
    private final String name;
    private final BufferedReader reader;
    private long lineNumber;
    private long currentLineNumber;
    private boolean started;
    private boolean resyncing;
    private JsonParser arrayParser;
    private final Deque<String> requeued = new ArrayDeque<>();
    private final Deque<Long> requeuedNumbers = new ArrayDeque<>();

    Source(String name, BufferedReader reader) {
      this.name = name;
      this.reader = reader;
    }

    /** The next event of this input, or null at its end. */
    Event read() throws IOException {
      if (!started) {
        started = true;
        if (startsWithArray()) {
          arrayParser = JSON.getFactory().createParser(reader);
          arrayParser.nextToken();
        }
      }
      return arrayParser != null ? readArrayElement() : readLineDocument();
    }

    /** Skips a byte-order mark and tells whether the first non-blank character opens an array. */
    private boolean startsWithArray() throws IOException {
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
      reader.mark(1 << 15);
      int c;
      int skipped = 0;
      do {
        c = reader.read();
        skipped++;
      } while (c != -1 && Character.isWhitespace(c) && skipped < (1 << 15));
      reader.reset();
      return c == '[';
    }

    private Event readArrayElement() throws IOException {
      while (true) {
        JsonToken token;
        long line;
        try {
          token = arrayParser.nextToken();
          line = arrayParser.currentTokenLocation().getLineNr();
          if (token == JsonToken.END_ARRAY || token == null) {
            if (token == JsonToken.END_ARRAY && arrayParser.nextToken() != null) {
              report(
                  new EventOrigin(name, arrayParser.currentTokenLocation().getLineNr()),
                  "unexpected content after the JSON array");
            }
            return null;
          }
          if (token != JsonToken.START_OBJECT) {
            report(new EventOrigin(name, line), "expected a JSON object, found " + kind(token));
            arrayParser.skipChildren();
            continue;
          }
          ObjectNode document = JSON.readTree(arrayParser);
          return Event.of(document, new EventOrigin(name, line));
        } catch (JsonProcessingException e) {
          report(
              new EventOrigin(name, e.getLocation() == null ? 0 : e.getLocation().getLineNr()),
              jsonReason(e) + "; the rest of this JSON array is skipped");
          return null;
        }
      }
    }

    private Event readLineDocument() throws IOException {
      while (true) {
        String line = nextLine();
        if (line == null) {
          return null;
        }
        long startLine = currentLineNumber;
        if (line.isBlank() || (resyncing && !line.startsWith("{"))) {
          continue;
        }
        resyncing = false;
        Parsed parsed = parse(line);
        if (parsed.document != null) {
          return Event.of(parsed.document, new EventOrigin(name, startLine));
        }
        if (!parsed.endOfInput) {
          report(new EventOrigin(name, startLine), parsed.reason);
          continue;
        }
        // The line is an unfinished document: it may be pretty-printed across several lines.
        Event event = readMultiLine(line, startLine, parsed.reason);
        if (event != null) {
          return event;
        }
      }
    }

    private Event readMultiLine(String firstLine, long startLine, String firstReason)
        throws IOException {
      StringBuilder text = new StringBuilder(firstLine);
      Deque<String> consumed = new ArrayDeque<>();
      Deque<Long> consumedNumbers = new ArrayDeque<>();
      Parsed parsed = null;
      while (consumed.size() + 1 < maxDocumentLines) {
        String line = nextLine();
        if (line == null) {
          break;
        }
        consumed.add(line);
        consumedNumbers.add(currentLineNumber);
        text.append('\n').append(line);
        parsed = parse(text.toString());
        if (parsed.document != null) {
          return Event.of(parsed.document, new EventOrigin(name, startLine));
        }
        if (!parsed.endOfInput) {
          break;
        }
      }
      if (consumed.size() + 1 >= maxDocumentLines) {
        report(
            new EventOrigin(name, startLine),
            "a JSON document spans more than "
                + maxDocumentLines
                + " lines (maxDocumentLines); it is skipped");
        return null;
      }
      if (parsed != null && !parsed.endOfInput && firstLine.strip().equals("{")) {
        // A pretty-printed document with an error inside: report where the error is and go on
        // after that line; the lines before it belong to the broken document.
        long errorLine = startLine + parsed.errorLine - 1;
        report(new EventOrigin(name, errorLine), parsed.reason);
        requeueAfter(consumed, consumedNumbers, errorLine);
        // The rest of the broken document is not worth a report per line: resume at the next
        // line that opens a document at its first column.
        resyncing = true;
        return null;
      }
      // Not one document: report the first line as the NDJSON line it probably was, and read the
      // lines we looked ahead at again on their own, so one bad line loses nothing else.
      report(new EventOrigin(name, startLine), firstReason);
      requeueAfter(consumed, consumedNumbers, startLine);
      return null;
    }

    private void requeueAfter(Deque<String> lines, Deque<Long> numbers, long afterLine) {
      while (!lines.isEmpty()) {
        String line = lines.pollLast();
        long number = numbers.pollLast();
        if (number > afterLine) {
          requeued.addFirst(line);
          requeuedNumbers.addFirst(number);
        }
      }
    }

    private String nextLine() throws IOException {
      if (!requeued.isEmpty()) {
        currentLineNumber = requeuedNumbers.poll();
        return requeued.poll();
      }
      String line = reader.readLine();
      if (line != null) {
        lineNumber++;
        currentLineNumber = lineNumber;
      }
      return line;
    }
  }

  /** The outcome of parsing one candidate document. */
  private record Parsed(ObjectNode document, boolean endOfInput, String reason, int errorLine) {}

  private static Parsed parse(String text) {
    try (JsonParser parser = JSON.getFactory().createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        if (first == JsonToken.START_ARRAY) {
          return new Parsed(null, false, "expected a JSON object, found an array", 1);
        }
        // Read the value fully so that malformed tokens are reported as such.
        parser.skipChildren();
        return new Parsed(null, false, "expected a JSON object, found " + kind(first), 1);
      }
      JsonNode document = JSON.readTree(parser);
      int endLine = parser.currentLocation().getLineNr();
      int endColumn = parser.currentLocation().getColumnNr();
      if (hasTrailingContent(parser)) {
        return new Parsed(
            null,
            false,
            "unexpected content after the JSON object at column " + endColumn,
            endLine);
      }
      return new Parsed((ObjectNode) document, false, null, 0);
    } catch (JsonProcessingException e) {
      // Jackson reports a premature end in several exception types, all saying "end-of-input".
      boolean endOfInput =
          e instanceof JsonEOFException || e.getOriginalMessage().contains("end-of-input");
      return new Parsed(null, endOfInput, jsonReason(e, endOfInput), errorLine(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasTrailingContent(JsonParser parser) throws IOException {
    try {
      return parser.nextToken() != null;
    } catch (JsonProcessingException e) {
      return true;
    }
  }

  private static int errorLine(JsonProcessingException e) {
    return e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
  }

  private static String jsonReason(JsonProcessingException e) {
    return jsonReason(e, e instanceof JsonEOFException);
  }

  private static String jsonReason(JsonProcessingException e, boolean endOfInput) {
    String message = e.getOriginalMessage();
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    // Some messages embed the parser's source description, which means nothing to a user.
    message = message.replaceAll("\\s*\\(for [^()]*\\[Source:.*$", "");
    if (endOfInput) {
      message = "unexpected end of input: the JSON is incomplete";
    }
    String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
    return "invalid JSON" + column + ": " + message;
  }

  private static String kind(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_ARRAY -> "an array";
      default -> token.asString() == null ? token.name() : "[" + token.asString() + "]";
    };
  }
}

package dev.vigil.core.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.json.Json;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Streams events from inputs one at a time, so inputs of any size are read in bounded memory.
 *
 * <p>Each input is a file (NDJSON, a JSON array of objects, or one or more JSON objects that may
 * span lines, each optionally gzip-compressed, detected by content rather than name) or standard
 * input. In line mode a malformed line is reported as a {@link InputProblem} and reading goes on
 * with the next line; in a JSON array a syntax error ends that input (the rest of the array cannot
 * be delimited), and that is reported too. Non-object values are reported and skipped, and so are
 * objects that repeat a key, which Elasticsearch rejects.
 *
 * <p>NDJSON lines are split from the raw bytes and decoded ahead, a batch at a time, on decoding
 * threads ({@link ByteDecoder}); whatever it declines is read here as before, so events and
 * problems come in input order. With a {@link FieldProjection}, lines decode only the fields it
 * holds. Memory stays bounded: a few batches are decoded ahead.
 *
 * <p>Inputs are read one after another, or, {@linkplain #openMerged merged}, side by side: each
 * next event is then the earliest by a key (a time) of the inputs' next events. Several files that
 * cover the same hours (one per dataset, say) then come out as one stream in time order, which a
 * reader that runs rules as the input passes their windows needs.
 *
 * <p>Not thread-safe. Owns the open input and closes it at its end, or on {@link #close()}.
 */
public final class EventReader implements Iterator<Event>, Closeable {
  /** How many lines one multi-line JSON document may span before it is reported as malformed. */
  public static final int DEFAULT_MAX_DOCUMENT_LINES = 100_000;

  /** Lines handed to a decoding thread at a time. */
  static final int BATCH_LINES = 256;

  private final Deque<EventInput> inputs;
  private final Consumer<InputProblem> problems;
  private final int maxDocumentLines;
  private final int decodeThreads;
  private final FieldProjection projection;
  // merged reading's key: the time an event is ordered on, null when it has none (null: inputs are
  // read one after another)
  private final Function<Event, Instant> mergeKey;
  private ExecutorService decoders;
  private Source current;
  // merged reading: the open inputs by their next event, and those not opened yet by their first
  // event (null until reading starts)
  private PriorityQueue<Head> heads;
  private PriorityQueue<Waiting> waiting;
  private Event next;
  private long eventCount;
  private long problemCount;

  private EventReader(
      List<EventInput> inputs,
      Consumer<InputProblem> problems,
      int maxDocumentLines,
      int decodeThreads,
      FieldProjection projection,
      Function<Event, Instant> mergeKey) {
    this.projection = projection;
    this.mergeKey = mergeKey;
    this.inputs = new ArrayDeque<>(inputs);
    this.problems = requireNonNull(problems, "problems is null");
    this.maxDocumentLines = maxDocumentLines;
    this.decodeThreads = decodeThreads;
  }

  /**
   * Reads {@code inputs} in order, reporting each unreadable part to {@code problems}; lines are
   * decoded on {@link #defaultDecodeThreads()} threads.
   */
  public static EventReader open(List<EventInput> inputs, Consumer<InputProblem> problems) {
    return open(inputs, problems, DEFAULT_MAX_DOCUMENT_LINES, defaultDecodeThreads());
  }

  /** As {@link #open(List, Consumer)} with a different multi-line document budget. */
  public static EventReader open(
      List<EventInput> inputs, Consumer<InputProblem> problems, int maxDocumentLines) {
    return open(inputs, problems, maxDocumentLines, defaultDecodeThreads());
  }

  /**
   * As {@link #open(List, Consumer, int)}, decoding NDJSON lines on {@code decodeThreads} threads
   * (0: on the caller's thread). Events and problems come in input order whatever the count.
   */
  public static EventReader open(
      List<EventInput> inputs,
      Consumer<InputProblem> problems,
      int maxDocumentLines,
      int decodeThreads) {
    return open(inputs, problems, maxDocumentLines, decodeThreads, null);
  }

  /**
   * As {@link #open(List, Consumer, int, int)}, with NDJSON lines decoding only the fields of
   * {@code projection} as they are read (null: every field); events decode the others when asked.
   */
  public static EventReader open(
      List<EventInput> inputs,
      Consumer<InputProblem> problems,
      int maxDocumentLines,
      int decodeThreads,
      FieldProjection projection) {
    if (maxDocumentLines < 1) {
      throw new IllegalArgumentException("maxDocumentLines must be at least 1");
    }
    if (decodeThreads < 0) {
      throw new IllegalArgumentException("decodeThreads must not be negative");
    }
    return new EventReader(inputs, problems, maxDocumentLines, decodeThreads, projection, null);
  }

  /**
   * As {@link #open(List, Consumer, int, int, FieldProjection)}, reading the inputs side by side:
   * each next event is the one of the inputs' next events whose {@code key} (null: none) is the
   * earliest, events without a key first, the earlier input first on a tie. Inputs each in time
   * order so come out as one stream in time order; and within each input, events keep their order.
   *
   * <p>Only the inputs that have begun are open: each input is first opened to read its first
   * event's key, then closed, and opened again when the stream reaches that key (standard input,
   * which cannot be read twice, stays open from the start). So inputs covering one day after
   * another are read one at a time, and inputs covering the same hours together. Problems are
   * reported as each input's reading meets them.
   */
  public static EventReader openMerged(
      List<EventInput> inputs,
      Consumer<InputProblem> problems,
      int decodeThreads,
      FieldProjection projection,
      Function<Event, Instant> key) {
    if (decodeThreads < 0) {
      throw new IllegalArgumentException("decodeThreads must not be negative");
    }
    requireNonNull(key, "key is null");
    return new EventReader(
        inputs, problems, DEFAULT_MAX_DOCUMENT_LINES, decodeThreads, projection, key);
  }

  /**
   * How many threads decode lines by default: one fewer than the processors, since the thread that
   * reads the events has work of its own (on one processor, lines are decoded by the reader).
   */
  public static int defaultDecodeThreads() {
    return Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
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
    if (next == null && mergeKey != null) {
      return hasNextMerged();
    }
    while (next == null) {
      if (current == null) {
        EventInput input = inputs.poll();
        if (input == null) {
          stopDecoders();
          return false;
        }
        current = openSource(input, false);
        if (current == null) {
          continue;
        }
      }
      next = readOrClose(current);
      if (next == null) {
        current = null;
      }
    }
    return true;
  }

  /**
   * The next event of {@code source}, or null at its end or when reading it fails (reported), and
   * then the source is closed.
   */
  private Event readOrClose(Source source) {
    try {
      Event event = source.read();
      if (event != null) {
        return event;
      }
    } catch (IOException e) {
      report(new EventOrigin(source.name, source.linesRead()), "read failed: " + e.getMessage());
    }
    close(source);
    return null;
  }

  private boolean hasNextMerged() {
    if (heads == null) {
      startMerge();
    }
    while (true) {
      Head head = heads.peek();
      Waiting first = waiting.peek();
      if (first != null
          && (head == null || compare(first.key, first.index, head.key(), head.index) < 0)) {
        waiting.poll();
        Source source = openSource(first.input, false);
        if (source != null) {
          advance(source, first.index);
        }
        continue;
      }
      if (head == null) {
        stopDecoders();
        return false;
      }
      heads.poll();
      next = head.event;
      advance(head.source, head.index);
      return true;
    }
  }

  /** Looks at each input's first event, so that each is opened when the stream reaches it. */
  private void startMerge() {
    heads = new PriorityQueue<Head>(EventReader::compare);
    waiting = new PriorityQueue<Waiting>(EventReader::compare);
    int index = 0;
    for (EventInput input : inputs) {
      // an input that cannot be opened twice, or has no key to wait for, is opened at once
      Instant key = inputs.size() > 1 && input.reopenable() ? firstKey(input) : null;
      waiting.add(new Waiting(input, index++, key));
    }
    inputs.clear();
  }

  /** The key of {@code input}'s first event, read quietly: its problems are reported later. */
  private Instant firstKey(EventInput input) {
    Source source = openSource(input, true);
    if (source == null) {
      return null;
    }
    try {
      Event first = source.read();
      return first == null ? null : mergeKey.apply(first);
    } catch (IOException e) {
      return null;
    } finally {
      close(source);
    }
  }

  /** Reads {@code source}'s next event into the heads, or closes it at its end. */
  private void advance(Source source, int index) {
    Event event = readOrClose(source);
    if (event != null) {
      heads.add(new Head(source, index, event));
    }
  }

  private static int compare(Head a, Head b) {
    return compare(a.key(), a.index, b.key(), b.index);
  }

  private static int compare(Waiting a, Waiting b) {
    return compare(a.key, a.index, b.key, b.index);
  }

  /** Merge order: no key first, then the earliest key, then the earlier input. */
  private static int compare(Instant aKey, int aIndex, Instant bKey, int bIndex) {
    if (aKey != bKey) {
      if (aKey == null) {
        return -1;
      }
      if (bKey == null) {
        return 1;
      }
      int c = aKey.compareTo(bKey);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(aIndex, bIndex);
  }

  /**
   * An open input and its next event, whose key is worked out when the merge first compares it
   * (with one input open and none waiting, never).
   */
  private final class Head {
    final Source source;
    final int index;
    final Event event;
    private boolean keyed;
    private Instant key;

    Head(Source source, int index, Event event) {
      this.source = source;
      this.index = index;
      this.event = event;
    }

    Instant key() {
      if (!keyed) {
        key = mergeKey.apply(event);
        keyed = true;
      }
      return key;
    }
  }

  /** An input not opened yet, its position among the inputs and its first event's key. */
  private record Waiting(EventInput input, int index, Instant key) {}

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
    if (heads != null) {
      for (Head head : heads) {
        close(head.source);
      }
      heads.clear();
      waiting.clear();
    }
    stopDecoders();
  }

  private void closeCurrent() {
    if (current != null) {
      close(current);
      current = null;
    }
  }

  private static void close(Source source) {
    source.cancel();
    try {
      source.in.close();
    } catch (IOException e) {
      // closing an input we finished reading cannot lose events; nothing to report
    }
  }

  private void stopDecoders() {
    if (decoders != null) {
      decoders.shutdownNow();
      decoders = null;
    }
  }

  private ExecutorService decoders() {
    if (decoders == null) {
      AtomicInteger count = new AtomicInteger();
      decoders =
          Executors.newFixedThreadPool(
              decodeThreads,
              task -> {
                Thread thread = new Thread(task, "vigil-decode-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
    }
    return decoders;
  }

  private void report(EventOrigin origin, String reason) {
    problemCount++;
    problems.accept(new InputProblem(origin, reason));
  }

  /** Opens {@code input}; a {@code peek} only looks at its first event and reports nothing. */
  private Source openSource(EventInput input, boolean peek) {
    try {
      InputStream raw = new BufferedInputStream(input.open(), 1 << 16);
      raw.mark(2);
      int first = raw.read();
      int second = raw.read();
      raw.reset();
      InputStream decoded =
          first == 0x1f && second == 0x8b
              ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)
              : raw;
      return new Source(input.name(), decoded, peek);
    } catch (IOException e) {
      if (!peek) {
        report(new EventOrigin(input.name(), 0), "cannot read: " + describe(e));
      }
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
    private final InputStream in;
    // a look at the first event only: a line at a time, decoded here, nothing reported
    private final boolean peek;
    private LineSplitter lines;
    private long currentLineNumber;
    private boolean started;
    private boolean resyncing;
    private JsonParser arrayParser;
    private final Deque<Line> requeued = new ArrayDeque<>();
    private final Deque<Future<List<Line>>> ahead = new ArrayDeque<>();
    private Iterator<Line> batch = Collections.emptyIterator();
    private IOException readFailure;

    Source(String name, InputStream in, boolean peek) {
      this.name = name;
      this.in = in;
      this.peek = peek;
    }

    private void report(EventOrigin origin, String reason) {
      if (!peek) {
        EventReader.this.report(origin, reason);
      }
    }

    /** The next event of this input, or null at its end. */
    Event read() throws IOException {
      if (!started) {
        started = true;
        if (startsWithArray()) {
          // Through a decoding reader, so positions are counted in characters, as for lines.
          arrayParser =
              Json.strictMapper()
                  .getFactory()
                  .createParser(new InputStreamReader(in, StandardCharsets.UTF_8));
          arrayParser.nextToken();
        } else {
          lines = new LineSplitter(in);
        }
      }
      return arrayParser != null ? readArrayElement() : readLineDocument();
    }

    /** Skips a UTF-8 byte-order mark and tells whether the first non-blank byte opens an array. */
    private boolean startsWithArray() throws IOException {
      in.mark(3);
      if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) {
        in.reset();
      }
      in.mark(1 << 15);
      int c;
      int skipped = 0;
      do {
        c = in.read();
        skipped++;
      } while (c != -1 && Character.isWhitespace(c) && skipped < (1 << 15));
      in.reset();
      return c == '[';
    }

    /** How many lines have been read from the input so far. */
    long linesRead() {
      return lines == null ? 0 : lines.lineNumber();
    }

    /** Stops decoding ahead; batches already submitted finish on their own. */
    void cancel() {
      for (Future<List<Line>> future : ahead) {
        future.cancel(false);
      }
      ahead.clear();
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
          ObjectNode document = Json.strictMapper().readTree(arrayParser);
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
        Line next = nextLine();
        if (next == null) {
          return null;
        }
        if (next.event != null) {
          resyncing = false;
          return next.event;
        }
        String line = next.text();
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
      Deque<Line> consumed = new ArrayDeque<>();
      Parsed parsed = null;
      while (consumed.size() + 1 < maxDocumentLines) {
        Line line = nextLine();
        if (line == null) {
          break;
        }
        consumed.add(line);
        text.append('\n').append(line.text());
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
        requeueAfter(consumed, errorLine);
        // The rest of the broken document is not worth a report per line: resume at the next
        // line that opens a document at its first column.
        resyncing = true;
        return null;
      }
      // Not one document: report the first line as the NDJSON line it probably was, and read the
      // lines we looked ahead at again on their own, so one bad line loses nothing else.
      report(new EventOrigin(name, startLine), firstReason);
      requeueAfter(consumed, startLine);
      return null;
    }

    private void requeueAfter(Deque<Line> lines, long afterLine) {
      while (!lines.isEmpty()) {
        Line line = lines.pollLast();
        if (line.number > afterLine) {
          requeued.addFirst(line);
        }
      }
    }

    /**
     * The next line with its speculative decoding. Lines are read here, on the caller's thread, in
     * batches that decoding threads turn into events ahead of need (a few batches, so memory stays
     * bounded); a line that is not one complete document comes back undecoded and is handled here,
     * in order, as before.
     */
    private Line nextLine() throws IOException {
      Line line = requeued.poll();
      if (line == null) {
        while (!batch.hasNext()) {
          fillAhead();
          Future<List<Line>> head = ahead.poll();
          if (head == null) {
            if (readFailure != null) {
              // reported after every line read before the failure has been handled
              IOException failure = readFailure;
              readFailure = null;
              throw failure;
            }
            return null;
          }
          if (!head.isDone()) {
            help(head);
          }
          batch = await(head).iterator();
        }
        line = batch.next();
      }
      currentLineNumber = line.number;
      return line;
    }

    /**
     * Decodes on this thread while {@code head} is not ready: {@code head} itself if no decoding
     * thread has started it, else the first batch after it none has (a task runs once, on whichever
     * thread starts it first). Otherwise this thread would wait, and with one decoding thread per
     * spare core, a hunt that tests few rules would leave a core idle.
     */
    private void help(Future<List<Line>> head) {
      if (head instanceof FutureTask<List<Line>> task) {
        task.run();
      }
      for (Iterator<Future<List<Line>>> later = ahead.iterator();
          later.hasNext() && !head.isDone(); ) {
        if (later.next() instanceof FutureTask<List<Line>> task && !task.isDone()) {
          task.run();
          return;
        }
      }
    }

    private void fillAhead() {
      boolean inline = peek || decodeThreads == 0;
      int depth = inline ? 1 : decodeThreads * 4;
      int size = peek ? 1 : BATCH_LINES;
      while (ahead.size() < depth && !lines.atEnd()) {
        List<Line> next = new ArrayList<>(size);
        while (next.size() < size) {
          byte[] bytes;
          try {
            bytes = lines.next();
          } catch (IOException e) {
            readFailure = e;
            lines.fail();
            break;
          }
          if (bytes == null) {
            break;
          }
          next.add(new Line(bytes, lines.lineNumber()));
        }
        if (next.isEmpty()) {
          break;
        }
        if (inline) {
          decodeAll(next, name, projection);
          ahead.add(CompletableFuture.completedFuture(next));
        } else {
          FutureTask<List<Line>> task = new FutureTask<>(() -> decodeAll(next, name, projection));
          decoders().execute(task);
          ahead.add(task);
        }
      }
    }
  }

  private static List<Line> decodeAll(
      List<Line> lines, String inputName, FieldProjection projection) {
    for (Line line : lines) {
      if (line.bytes.length > 0) {
        line.event =
            ByteDecoder.current()
                .decode(line.bytes, new EventOrigin(inputName, line.number), projection);
      }
    }
    return lines;
  }

  private static List<Line> await(Future<List<Line>> batch) throws IOException {
    try {
      return batch.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while decoding events");
    } catch (ExecutionException e) {
      // decodeAll catches what decoding throws; an Error (out of memory) goes on as it is, anything
      // else is a bug worth its stack trace
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("decoding failed", e.getCause());
    }
  }

  /**
   * One input line and, when the fast path could decode it as one complete document, its event. The
   * event is written by a decoding thread and read after {@link Future#get()}, which orders the
   * two.
   */
  private static final class Line {
    final byte[] bytes;
    final long number;
    Event event;

    Line(byte[] bytes, long number) {
      this.bytes = bytes;
      this.number = number;
    }

    /** The line as text; malformed UTF-8 becomes U+FFFD, as a decoding reader would make it. */
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The outcome of parsing one candidate document. */
  private record Parsed(ObjectNode document, boolean endOfInput, String reason, int errorLine) {}

  private static Parsed parse(String text) {
    try (JsonParser parser = Json.strictMapper().getFactory().createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        if (first == JsonToken.START_ARRAY) {
          return new Parsed(null, false, "expected a JSON object, found an array", 1);
        }
        // Read the value fully so that malformed tokens are reported as such.
        parser.skipChildren();
        return new Parsed(null, false, "expected a JSON object, found " + kind(first), 1);
      }
      JsonNode document = Json.strictMapper().readTree(parser);
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

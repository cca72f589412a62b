package dev.vigil.core.event;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a generated NDJSON stream far larger than the heap it is given and prints what it read. Run
 * in a child JVM with a small {@code -Xmx} by {@link BoundedMemoryTest}: finishing at all proves
 * the reader streams.
 */
public final class StreamingProbe {
  private StreamingProbe() {}

  public static void main(String[] args) {
    long events = Long.parseLong(args[0]);
    long[] problems = {0};
    GeneratedStream stream = new GeneratedStream(events);
    long total = 0;
    long bytesOfNames = 0;
    try (EventReader reader =
        EventReader.open(
            List.of(EventInput.of("generated", () -> stream)), problem -> problems[0]++)) {
      while (reader.hasNext()) {
        Event event = reader.next();
        bytesOfNames += event.values("process.name").size();
        total++;
      }
    }
    System.out.println(
        "events="
            + total
            + " problems="
            + problems[0]
            + " names="
            + bytesOfNames
            + " bytes="
            + stream.produced);
  }

  /** An NDJSON stream of ~1 KB Defend-like events, with one malformed line every 100,000. */
  static final class GeneratedStream extends InputStream {
    private final long lines;
    private long line;
    private byte[] current = new byte[0];
    private int position;
    long produced;

    GeneratedStream(long lines) {
      this.lines = lines;
    }

    @Override
    public int read() {
      if (!fill()) {
        return -1;
      }
      produced++;
      return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (!fill()) {
        return -1;
      }
      int count = Math.min(length, current.length - position);
      System.arraycopy(current, position, buffer, offset, count);
      position += count;
      produced += count;
      return count;
    }

    private boolean fill() {
      if (position < current.length) {
        return true;
      }
      if (line >= lines) {
        return false;
      }
      line++;
      String text =
          line % 100_000 == 0
              ? "{\"broken\": \n"
              : "{\"@timestamp\":\"2026-11-23T10:00:00."
                  + (line % 1_000_000)
                  + "Z\",\"event\":{\"category\":[\"process\"],\"type\":[\"start\"],\"action\":"
                  + "\"exec\"},\"host\":{\"name\":\"web-"
                  + (line % 50)
                  + "\",\"os\":{\"type\":\"linux\"}},\"process\":{\"pid\":"
                  + line
                  + ",\"name\":\"bash\",\"executable\":\"/usr/bin/bash\",\"args\":[\"bash\",\"-c\","
                  + "\"echo "
                  + "x".repeat(600)
                  + "\"],\"parent\":{\"pid\":1,\"name\":\"sshd\"}}}\n";
      current = text.getBytes(StandardCharsets.UTF_8);
      position = 0;
      return true;
    }
  }
}

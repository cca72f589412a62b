package dev.vigil.core.event;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, as {@link java.io.BufferedReader#readLine}
 * would: a line ends at {@code \n}, {@code \r} or {@code \r\n}, and the terminator is not part of
 * the line. Decoding UTF-8 is left to the JSON parser, which only decodes the strings it reads. Not
 * thread-safe.
 */
final class LineSplitter {
  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private boolean skipNewline;
  private boolean ended;
  private long lineNumber;

  LineSplitter(InputStream in) {
    this.in = in;
  }

  /** The 1-based number of the line {@link #next()} returned last (0 before the first). */
  long lineNumber() {
    return lineNumber;
  }

  /** True once the input is exhausted (or failed). */
  boolean atEnd() {
    return ended;
  }

  /** The next line's bytes, or null at the end of the input. */
  byte[] next() throws IOException {
    if (ended) {
      return null;
    }
    byte[] carried = null;
    int carriedLength = 0;
    while (true) {
      if (position == limit && !fill()) {
        ended = true;
        if (carried == null) {
          return null;
        }
        lineNumber++;
        return Arrays.copyOf(carried, carriedLength);
      }
      if (skipNewline) {
        skipNewline = false;
        if (buffer[position] == '\n') {
          position++;
          continue;
        }
      }
      int start = position;
      int end = start;
      while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
        end++;
      }
      if (end < limit) {
        skipNewline = buffer[end] == '\r';
        position = end + 1;
        lineNumber++;
        if (carried == null) {
          return Arrays.copyOfRange(buffer, start, end);
        }
        byte[] line = Arrays.copyOf(carried, carriedLength + end - start);
        System.arraycopy(buffer, start, line, carriedLength, end - start);
        return line;
      }
      // The line goes on past the buffer: carry what we have and read more.
      int length = end - start;
      if (carried == null) {
        carried = new byte[Math.max(length * 2, 256)];
      } else if (carriedLength + length > carried.length) {
        carried = Arrays.copyOf(carried, Math.max(carried.length * 2, carriedLength + length));
      }
      System.arraycopy(buffer, start, carried, carriedLength, length);
      carriedLength += length;
      position = limit;
    }
  }

  /** Marks the input as ended after a read failure, so no further reads are attempted. */
  void fail() {
    ended = true;
  }

  private boolean fill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    if (read <= 0) {
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }
}

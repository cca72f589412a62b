package dev.vigil.generator;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * A test stream that hands each complete line to a consumer and keeps a running SHA-256 and byte
 * count, so tests can inspect large outputs under the module's small test heap.
 */
final class LineSink extends OutputStream {
  private final Consumer<String> lines;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
  private final MessageDigest digest;
  long bytes;
  long count;

  LineSink(Consumer<String> lines) {
    this.lines = lines;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] buffer, int offset, int length) {
    digest.update(buffer, offset, length);
    bytes += length;
    int start = offset;
    for (int i = offset; i < offset + length; i++) {
      if (buffer[i] == '\n') {
        line.write(buffer, start, i - start);
        lines.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
        count++;
        start = i + 1;
      }
    }
    line.write(buffer, start, offset + length - start);
  }

  String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }
}

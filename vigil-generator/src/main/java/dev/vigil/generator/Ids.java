package dev.vigil.generator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Identifiers in Defend's formats: {@code entity_id}s (base64 of agent id, pid and start), {@code
 * event.id}s (24 base64 characters with Defend's {@code ++++} infix) and stable fake file hashes
 * derived from the executable path, cached because the same few hundred images recur in millions of
 * events. Not thread-safe.
 */
final class Ids {
  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final long seed;
  private final Map<String, String> sha256 = new HashMap<>();
  private final MessageDigest digest;

  Ids(long seed) {
    this.seed = seed;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The entity id of a process: base64 of {@code agentId-pid-startSeconds}. */
  static String entityId(String agentId, int pid, long startNanos) {
    String raw = agentId + "-" + pid + "-" + Math.floorDiv(startNanos, Timestamps.NANOS_PER_SECOND);
    return BASE64.encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  /** A unique event id for the {@code serial}-th event of the run. */
  String eventId(long serial) {
    long bits = mix(seed ^ mix(serial + 0x9E3779B97F4A7C15L));
    long more = mix(bits + serial);
    char[] out = new char[24];
    for (int i = 0; i < 10; i++) {
      out[i] = ALPHABET.charAt((int) (bits >>> (i * 6) & 63));
    }
    for (int i = 0; i < 6; i++) {
      out[10 + i] = ALPHABET.charAt((int) (more >>> (i * 6) & 63));
    }
    out[16] = '+';
    out[17] = '+';
    out[18] = '+';
    out[19] = '+';
    for (int i = 0; i < 4; i++) {
      out[20 + i] = ALPHABET.charAt((int) (more >>> (36 + i * 6) & 63));
    }
    return new String(out);
  }

  /** A stable SHA-256 (hex) for an executable: the same path always has the same hash. */
  String sha256(String path) {
    String cached = sha256.get(path);
    if (cached == null) {
      digest.reset();
      cached = HexFormat.of().formatHex(digest.digest(path.getBytes(StandardCharsets.UTF_8)));
      sha256.put(path, cached);
    }
    return cached;
  }

  /** SplitMix64's finaliser: a cheap bijective scrambling of 64 bits. */
  static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

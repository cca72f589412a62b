package dev.vigil.core.value;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IP address as Elasticsearch's {@code ip} field indexes it: 16 bytes, IPv4 addresses as
 * IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}), so IPv4 and IPv6 values sort and compare in one space.
 *
 * <p>Parsing accepts exactly the literals Elasticsearch's {@code InetAddresses.forString} accepts
 * and never resolves names: dotted-quad IPv4 without leading zeros, and IPv6 with {@code ::}
 * compression and an optional trailing dotted-quad.
 */
public final class IpAddress implements Comparable<IpAddress> {
  private final byte[] bytes;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The address for a literal, or empty when it is not one. */
  public static Optional<IpAddress> parse(String text) {
    byte[] bytes = text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
    return bytes == null ? Optional.empty() : Optional.of(new IpAddress(bytes));
  }

  static IpAddress ofBytes(byte[] sixteen) {
    if (sixteen.length != 16) {
      throw new IllegalArgumentException("an IP address has 16 bytes");
    }
    return new IpAddress(sixteen.clone());
  }

  /** True when this is an IPv4 address (stored IPv4-mapped). */
  public boolean isIpv4() {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  /** True when the first {@code prefixBits} bits equal those of {@code network}. */
  public boolean hasPrefix(IpAddress network, int prefixBits) {
    int fullBytes = prefixBits / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (bytes[i] != network.bytes[i]) {
        return false;
      }
    }
    int remainder = prefixBits % 8;
    if (remainder == 0) {
      return true;
    }
    int mask = (0xff << (8 - remainder)) & 0xff;
    return (bytes[fullBytes] & mask) == (network.bytes[fullBytes] & mask);
  }

  byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public int compareTo(IpAddress other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpAddress address && Arrays.equals(bytes, address.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Dotted-quad for IPv4, else the RFC 5952 canonical IPv6 text, as Elasticsearch prints. */
  @Override
  public String toString() {
    if (isIpv4()) {
      return (bytes[12] & 0xff)
          + "."
          + (bytes[13] & 0xff)
          + "."
          + (bytes[14] & 0xff)
          + "."
          + (bytes[15] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    // RFC 5952: compress the longest run (first if tied) of two or more zero groups.
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength && i - start >= 2) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  private static byte[] parseIpv4(String text) {
    byte[] out = new byte[16];
    out[10] = (byte) 0xff;
    out[11] = (byte) 0xff;
    return parseDottedQuad(text, out, 12) ? out : null;
  }

  private static boolean parseDottedQuad(String text, byte[] out, int offset) {
    int part = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '.') {
        if (part == 4 || !octet(text, start, i, out, offset + part)) {
          return false;
        }
        part++;
        start = i + 1;
      }
    }
    return part == 4;
  }

  private static boolean octet(String text, int start, int end, byte[] out, int index) {
    int length = end - start;
    // Leading zeros are rejected, as Elasticsearch does, because octal readings are ambiguous.
    if (length < 1 || length > 3 || (length > 1 && text.charAt(start) == '0')) {
      return false;
    }
    int value = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    if (value > 255) {
      return false;
    }
    out[index] = (byte) value;
    return true;
  }

  private static byte[] parseIpv6(String text) {
    byte[] out = new byte[16];
    String body = text;
    int tailBytes = 0;
    int lastColon = body.lastIndexOf(':');
    if (body.indexOf('.', lastColon) >= 0) {
      // an embedded dotted-quad takes the last 4 bytes
      if (!parseDottedQuad(body.substring(lastColon + 1), out, 12)) {
        return null;
      }
      body = body.substring(0, lastColon + 1) + "0:0";
      tailBytes = 4;
    }
    int doubleColon = body.indexOf("::");
    if (doubleColon >= 0 && body.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    String head = doubleColon >= 0 ? body.substring(0, doubleColon) : body;
    String tail = doubleColon >= 0 ? body.substring(doubleColon + 2) : "";
    int[] headGroups = groups(head);
    int[] tailGroups = groups(tail);
    if (headGroups == null || tailGroups == null) {
      return null;
    }
    int total = headGroups.length + tailGroups.length;
    if (doubleColon >= 0 ? total > 7 : total != 8) {
      return null;
    }
    int[] all = new int[8];
    System.arraycopy(headGroups, 0, all, 0, headGroups.length);
    System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
    for (int i = 0; i < 8 - tailBytes / 2; i++) {
      out[2 * i] = (byte) (all[i] >> 8);
      out[2 * i + 1] = (byte) all[i];
    }
    return out;
  }

  private static int[] groups(String part) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] pieces = part.split(":", -1);
    int[] values = new int[pieces.length];
    for (int i = 0; i < pieces.length; i++) {
      String piece = pieces[i];
      if (piece.isEmpty() || piece.length() > 4) {
        return null;
      }
      int value = 0;
      for (int j = 0; j < piece.length(); j++) {
        int digit = Character.digit(piece.charAt(j), 16);
        if (digit < 0) {
          return null;
        }
        value = value * 16 + digit;
      }
      values[i] = value;
    }
    return values;
  }
}

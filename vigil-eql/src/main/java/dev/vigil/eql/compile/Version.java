package dev.vigil.eql.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A value of Elasticsearch's {@code version} field: semantic-version ordering ({@code 1.11.3 >
 * 1.5.0}, {@code 1.2.4-SNAPSHOT < 1.2.4}), while strings that are not valid versions are kept and
 * sort after every valid one, compared as text (Elasticsearch's {@code VersionEncoder} marks them
 * invalid and orders them last). Equality is on the original text.
 */
public final class Version implements Comparable<Version> {
  private final String text;
  private final long[] release;
  private final List<String> preRelease;

  private Version(String text, long[] release, List<String> preRelease) {
    this.text = text;
    this.release = release;
    this.preRelease = preRelease;
  }

  public static Version parse(String text) {
    String main = text;
    int plus = main.indexOf('+');
    if (plus >= 0) {
      main = main.substring(0, plus);
    }
    List<String> pre = List.of();
    int dash = main.indexOf('-');
    if (dash >= 0) {
      String preText = main.substring(dash + 1);
      main = main.substring(0, dash);
      pre = new ArrayList<>(List.of(preText.split("\\.", -1)));
      for (String part : pre) {
        if (part.isEmpty() || !part.chars().allMatch(c -> Character.isLetterOrDigit(c))) {
          return new Version(text, null, List.of());
        }
      }
    }
    String[] parts = main.split("\\.", -1);
    long[] release = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()
          || part.length() > 18
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return new Version(text, null, List.of());
      }
      release[i] = Long.parseLong(part);
    }
    return new Version(text, release, pre);
  }

  public boolean isValid() {
    return release != null;
  }

  @Override
  public int compareTo(Version other) {
    if (release == null || other.release == null) {
      if (release == null && other.release == null) {
        return text.compareTo(other.text);
      }
      return release == null ? 1 : -1;
    }
    int length = Math.max(release.length, other.release.length);
    for (int i = 0; i < length; i++) {
      long a = i < release.length ? release[i] : 0;
      long b = i < other.release.length ? other.release[i] : 0;
      if (a != b) {
        return Long.compare(a, b);
      }
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
      String a = preRelease.get(i);
      String b = other.preRelease.get(i);
      boolean an = a.chars().allMatch(c -> c >= '0' && c <= '9');
      boolean bn = b.chars().allMatch(c -> c >= '0' && c <= '9');
      int c;
      if (an && bn) {
        c = a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
      } else if (an != bn) {
        c = an ? -1 : 1;
      } else {
        c = a.compareTo(b);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(preRelease.size(), other.preRelease.size());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Version && ((Version) other).text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }

  @Override
  public String toString() {
    return text;
  }
}

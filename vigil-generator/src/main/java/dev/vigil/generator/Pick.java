package dev.vigil.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The generator's only source of randomness: a seeded {@link SplittableRandom}, whose sequence is
 * specified and so identical on every JVM, with the choices scenarios need.
 */
final class Pick {
  private final SplittableRandom random;

  Pick(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A uniform integer in {@code [0, bound)}. */
  int below(int bound) {
    return random.nextInt(bound);
  }

  /** A uniform integer in {@code [low, high]}. */
  int between(int low, int high) {
    return random.nextInt(low, high + 1);
  }

  /** A uniform long in {@code [low, high]}. */
  long betweenLong(long low, long high) {
    return random.nextLong(low, high + 1);
  }

  double unit() {
    return random.nextDouble();
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  long nextLong() {
    return random.nextLong();
  }

  <T> T of(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  @SafeVarargs
  final <T> T of(T... values) {
    return values[random.nextInt(values.length)];
  }

  /** An exponentially distributed delay with the given mean, as arrivals of a Poisson process. */
  double exponential(double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }

  /** {@code length} lower-case hex digits. */
  String hex(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(Character.forDigit(random.nextInt(16), 16));
    }
    return out.toString();
  }

  /** {@code length} letters and digits, as random file and task names attackers use. */
  String alphanumeric(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}

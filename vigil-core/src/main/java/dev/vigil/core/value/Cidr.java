package dev.vigil.core.value;

import java.util.Optional;

/**
 * An IP network in CIDR notation, as Elasticsearch's ip term query and EQL's {@code cidrMatch}
 * accept it: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a bare address (a /32 or /128). IPv4
 * prefixes apply to the IPv4-mapped form, so {@code 10.0.0.0/8} is {@code ::ffff:10.0.0.0/104}.
 */
public record Cidr(IpAddress network, int prefixBits) {

  public static Optional<Cidr> parse(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    Optional<IpAddress> network = IpAddress.parse(address);
    if (network.isEmpty()) {
      return Optional.empty();
    }
    boolean ipv4 = address.indexOf(':') < 0;
    int max = ipv4 ? 32 : 128;
    int bits = max;
    if (slash >= 0) {
      String digits = text.substring(slash + 1);
      if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      bits = Integer.parseInt(digits);
      if (bits > max) {
        return Optional.empty();
      }
    }
    return Optional.of(new Cidr(network.get(), ipv4 ? bits + 96 : bits));
  }

  public boolean contains(IpAddress address) {
    return address.hasPrefix(network, prefixBits);
  }
}

package dev.vigil.core.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @ParameterizedTest
  @CsvSource({
    "10.1.2.3, 10.1.2.3",
    "0.0.0.0, 0.0.0.0",
    "255.255.255.255, 255.255.255.255",
    "::, ::",
    "::1, ::1",
    "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
    "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
    "fe80::1:0:0:1, fe80::1:0:0:1",
    "::ffff:10.0.0.1, 10.0.0.1",
    "::ffff:a00:1, 10.0.0.1",
    "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
  })
  void parsesAndPrintsCanonically(String text, String canonical) {
    assertThat(IpAddress.parse(text).orElseThrow()).hasToString(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "10.0.0",
        "10.0.0.0.1",
        "10.0.0.256",
        "10.0.0.01",
        "10.0.0.-1",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        "12345::",
        "g::1",
        "localhost",
        "fe80::1%eth0",
        "1.2.3.4/8"
      })
  void rejectsWhatElasticsearchRejects(String text) {
    assertThat(IpAddress.parse(text)).isEmpty();
  }

  @Test
  void ipv4AndMappedIpv6AreEqual() {
    assertThat(IpAddress.parse("::ffff:192.168.0.1")).isEqualTo(IpAddress.parse("192.168.0.1"));
    assertThat(IpAddress.parse("192.168.0.1").orElseThrow().isIpv4()).isTrue();
    assertThat(IpAddress.parse("::1").orElseThrow().isIpv4()).isFalse();
  }

  @Test
  void ordersUnsigned() {
    assertThat(IpAddress.parse("10.0.0.1").orElseThrow())
        .isLessThan(IpAddress.parse("192.168.0.1").orElseThrow())
        .isLessThan(IpAddress.parse("2001:db8::1").orElseThrow());
  }

  @Test
  void cidrMatching() {
    Cidr ten = Cidr.parse("10.0.0.0/8").orElseThrow();
    assertThat(ten.contains(IpAddress.parse("10.255.1.1").orElseThrow())).isTrue();
    assertThat(ten.contains(IpAddress.parse("11.0.0.1").orElseThrow())).isFalse();
    assertThat(ten.contains(IpAddress.parse("::ffff:10.1.1.1").orElseThrow())).isTrue();
    Cidr odd = Cidr.parse("192.168.0.0/23").orElseThrow();
    assertThat(odd.contains(IpAddress.parse("192.168.1.200").orElseThrow())).isTrue();
    assertThat(odd.contains(IpAddress.parse("192.168.2.1").orElseThrow())).isFalse();
    Cidr v6 = Cidr.parse("2001:db8::/32").orElseThrow();
    assertThat(v6.contains(IpAddress.parse("2001:db8:ffff::1").orElseThrow())).isTrue();
    assertThat(v6.contains(IpAddress.parse("10.0.0.1").orElseThrow())).isFalse();
    assertThat(Cidr.parse("10.0.0.1").orElseThrow().prefixBits()).isEqualTo(128);
    assertThat(Cidr.parse("0.0.0.0/0").orElseThrow().contains(IpAddress.parse("::1").get()))
        .as("an IPv4 /0 covers only the IPv4-mapped range")
        .isFalse();
    assertThat(Cidr.parse("10.0.0.0/33")).isEmpty();
    assertThat(Cidr.parse("10.0.0.0/")).isEmpty();
    assertThat(Cidr.parse("::/129")).isEmpty();
  }
}

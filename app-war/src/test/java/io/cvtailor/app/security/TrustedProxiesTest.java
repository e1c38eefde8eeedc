package io.cvtailor.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.5, fd00::/8");

  @Test
  void withoutTrustedProxiesTheSocketPeerIsTheClientWhateverTheHeadersSay() {
    TrustedProxies none = TrustedProxies.parse("");
    assertThat(none.clientAddress("198.51.100.7", "203.0.113.1")).isEqualTo("198.51.100.7");
    assertThat(none.forwardedOverTls("198.51.100.7", "https")).isFalse();
  }

  @Test
  void anUntrustedPeerCannotChooseItsAddress() {
    assertThat(proxies.clientAddress("198.51.100.7", "203.0.113.1")).isEqualTo("198.51.100.7");
    assertThat(proxies.forwardedOverTls("198.51.100.7", "https")).isFalse();
  }

  @Test
  void behindTrustedProxiesTheRightMostUntrustedHopIsTheClient() {
    assertThat(proxies.clientAddress("10.1.2.3", "203.0.113.1")).isEqualTo("203.0.113.1");
    // the client wrote the left-most entry itself; the proxy appended what it saw
    assertThat(proxies.clientAddress("10.1.2.3", "1.1.1.1, 203.0.113.1")).isEqualTo("203.0.113.1");
    // two proxies of ours in a row
    assertThat(proxies.clientAddress("10.1.2.3", "203.0.113.1, 192.168.1.5"))
        .isEqualTo("203.0.113.1");
    assertThat(proxies.clientAddress("10.1.2.3", "203.0.113.1:51234")).isEqualTo("203.0.113.1");
    assertThat(proxies.clientAddress("10.1.2.3", "[2001:db8::1]:443")).isEqualTo("2001:db8::1");
    assertThat(proxies.forwardedOverTls("10.1.2.3", "https, http")).isTrue();
    assertThat(proxies.forwardedOverTls("10.1.2.3", "http")).isFalse();
  }

  @Test
  void garbageInTheChainStopsAtTheLastBelievableAddress() {
    assertThat(proxies.clientAddress("10.1.2.3", "evil.example, 203.0.113.1"))
        .isEqualTo("203.0.113.1");
    assertThat(proxies.clientAddress("10.1.2.3", "unknown")).isEqualTo("10.1.2.3");
    assertThat(proxies.clientAddress("10.1.2.3", "999.1.1.1")).isEqualTo("10.1.2.3");
    assertThat(proxies.clientAddress("10.1.2.3", "")).isEqualTo("10.1.2.3");
  }

  @Test
  void blocksMatchBothSpellingsOfAnAddress() {
    assertThat(proxies.trusts("10.255.255.255")).isTrue();
    assertThat(proxies.trusts("11.0.0.0")).isFalse();
    assertThat(proxies.trusts("::ffff:10.0.0.1")).isTrue();
    assertThat(proxies.trusts("fd12:3456::1")).isTrue();
    assertThat(proxies.trusts("fd12:3456::1%0")).isTrue();
    assertThat(TrustedProxies.parse("::1/128").trusts("0:0:0:0:0:0:0:1%lo")).isTrue();
    assertThat(proxies.trusts("fe80::1")).isFalse();
    assertThat(proxies.trusts("192.168.1.6")).isFalse();
    assertThat(TrustedProxies.parse("172.16.0.0/12").trusts("172.31.255.1")).isTrue();
    assertThat(TrustedProxies.parse("172.16.0.0/12").trusts("172.32.0.1")).isFalse();
  }

  @Test
  void aWrongConfigurationFailsLoudly() {
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33"))
        .hasMessageContaining("security.trusted-proxies");
    assertThatThrownBy(() -> TrustedProxies.parse("proxy.internal"))
        .hasMessageContaining("security.trusted-proxies");
  }
}

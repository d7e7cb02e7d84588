package org.commercecore.platform.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {
    private final ClientAddress behindProxies = ClientAddress.trusting(List.of("10.0.0.0/8", "192.0.2.1", "fd00::/8"));

    @Test
    void withNoTrustedProxyTheHeaderIsIgnored() {
        assertThat(ClientAddress.direct().of("198.51.100.7", List.of("203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItForwards() {
        assertThat(behindProxies.of("198.51.100.7", List.of("203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightmostAddressThatIsNoTrustedProxy() {
        // the client wrote 1.1.1.1 itself; 203.0.113.9 is who connected to our first proxy
        assertThat(behindProxies.of("10.1.2.3", List.of("1.1.1.1, 203.0.113.9", "192.0.2.1"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.of("10.1.2.3", List.of("203.0.113.9,10.9.9.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void hopsWithAPortCountAsTheirAddress() {
        assertThat(behindProxies.of("10.1.2.3", List.of("203.0.113.9:5678"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.of("10.1.2.3", List.of("[2001:db8::1]:443"))).isEqualTo("2001:db8:0:0:0:0:0:0/64");
        assertThat(behindProxies.of("10.1.2.3", List.of("[2001:db8::1]"))).isEqualTo("2001:db8:0:0:0:0:0:0/64");
        assertThat(ClientAddress.literal(".:")).as("no name lookup for text that is no literal").isEmpty();
    }

    @Test
    void aTrustedProxyWithoutTheHeaderIsItselfTheClient() {
        assertThat(behindProxies.of("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertThat(behindProxies.of("10.1.2.3", List.of("10.0.0.5, 192.0.2.1"))).isEqualTo("10.0.0.5");
    }

    @Test
    void aHopThatIsNotAnAddressStopsTheWalkAtTheLastTrustedHop() {
        assertThat(behindProxies.of("10.1.2.3", List.of("203.0.113.9, unknown, 10.0.0.5"))).isEqualTo("10.0.0.5");
        assertThat(behindProxies.of("10.1.2.3", List.of("evil.example"))).as("never looked up in DNS").isEqualTo("10.1.2.3");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        assertThat(ClientAddress.direct().of("[2001:db8:1:2:aaaa:bbbb:cccc:dddd]", List.of())).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.direct().of("2001:db8:1:2::1", List.of())).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(behindProxies.of("fd00::1", List.of("2001:db8:9:9::5"))).isEqualTo("2001:db8:9:9:0:0:0:0/64");
        assertThat(ClientAddress.direct().of("::ffff:198.51.100.7", List.of())).as("IPv4-mapped").isEqualTo("198.51.100.7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "10.0.0.0/8", "::1", "[::1]", "fd00::/8", "2001:db8::/128"})
    void addressesAndCidrRangesAreProxyPatterns(String pattern) {
        assertThat(ClientAddress.isProxyPattern(pattern)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "fd00::/129", "10.0.0.1-10.0.0.9", "10.0.0", "10.0.0.0/8/1", "256.1.1.1", "", "fe80::1%eth0"})
    void anythingElseIsRefused(String pattern) {
        assertThat(ClientAddress.isProxyPattern(pattern)).isFalse();
        assertThatThrownBy(() -> ClientAddress.trusting(List.of(pattern))).isInstanceOf(IllegalArgumentException.class);
    }
}

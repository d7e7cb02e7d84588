package org.commercecore.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostsTest {
    @Test
    void onlyLocalhostAndLoopbackLiteralsAreLoopback() {
        assertThat(Hosts.isLoopback("localhost")).isTrue();
        assertThat(Hosts.isLoopback("127.0.0.1")).isTrue();
        assertThat(Hosts.isLoopback("127.1.2.3")).isTrue();
        assertThat(Hosts.isLoopback("::1")).isTrue();
        assertThat(Hosts.isLoopback("[::1]")).isTrue();
        assertThat(Hosts.isLoopback("127.attacker.example")).isFalse();
        assertThat(Hosts.isLoopback("127.0.0.1.nip.io")).isFalse();
        assertThat(Hosts.isLoopback("10.0.0.1")).isFalse();
        assertThat(Hosts.isLoopback("mail.example.org")).isFalse();
        assertThat(Hosts.isLoopback("[2001:db8::1]")).isFalse();
    }
}

package com.profilebridge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Per-address limits count against the socket's address unless a trusted proxy says otherwise. */
class ClientAddressesTests {

    @Test
    void withoutTrustedProxiesXForwardedForIsIgnored() {
        MockHttpServletRequest request = request("203.0.113.7", "198.51.100.1");
        assertThat(new ClientAddresses(List.of()).of(request)).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));
        // the client wrote "1.1.1.1" itself; the proxy appended the address it saw
        assertThat(addresses.of(request("10.0.0.5", "1.1.1.1, 198.51.100.9"))).isEqualTo("198.51.100.9");
        assertThat(addresses.of(request("10.0.0.5", "198.51.100.9, 10.0.0.7"))).isEqualTo("198.51.100.9");
        assertThat(addresses.of(request("10.0.0.5", null))).isEqualTo("10.0.0.5");
    }

    @Test
    void anUntrustedSenderCannotChooseItsAddress() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));
        assertThat(addresses.of(request("203.0.113.7", "10.0.0.1"))).isEqualTo("203.0.113.7");
        assertThat(addresses.of(request("10.0.0.5", "attacker.example"))).as("never resolved, never trusted")
                .isEqualTo("attacker.example");
    }

    private static MockHttpServletRequest request(String remote, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/proxy/cdp/profile/usr_1");
        request.setRemoteAddr(remote);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}

package com.profilebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * What one caller check costs, per credential form: a bounded loop, not a test suite member (the
 * name does not end in Tests; run it with {@code -Dtest=CallerAuthenticationBenchmark}). The
 * bearer figure is a cache hit: a SHA-256 of the token and a Caffeine look-up, no signature check.
 * Each request is a fresh {@link MockHttpServletRequest}, as each HTTP request is.
 */
class CallerAuthenticationBenchmark {

    static final int WARM_UP = 200_000;
    static final int MEASURED = 1_000_000;

    @Test
    void measuresBasicApiKeyAndACachedBearerToken() throws Exception {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        try {
            CallerProperties.Jwt jwt = new CallerProperties.Jwt(server.issuerUrl("ivr").toString(), null,
                    List.of("profile-bridge"), List.of("azp", "client_id"), null, CallerProperties.Jwt.OFF.algorithms(),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(10), 10_000);
            CallerProperties properties = new CallerProperties(Map.of(
                    "genesys", new CallerProperties.Caller(List.of("genesys-secret-1", "genesys-secret-2"),
                            List.of("INTEGRATION"), List.of("genesys-ivr")),
                    "cxone", new CallerProperties.Caller(List.of("cxone-secret"), List.of("INTEGRATION"))),
                    "X-API-Key", jwt);
            CallerAuthenticator authenticator = new CallerAuthenticator(properties,
                    BearerCallers.decoder(jwt, Clock.systemUTC()), Clock.systemUTC(), Ticker.systemTicker());
            String token = server.issueToken("ivr", "genesys-ivr", new DefaultOAuth2TokenCallback("ivr",
                    "genesys-ivr", "JWT", List.of("profile-bridge"), Map.of(), 3600)).serialize();
            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    "genesys:genesys-secret-2".getBytes(StandardCharsets.UTF_8));

            double basicNanos = measure(authenticator, "Authorization", basic);
            double apiKeyNanos = measure(authenticator, "X-API-Key", "cxone-secret");
            double bearerNanos = measure(authenticator, "Authorization", "Bearer " + token);

            System.out.printf("caller check per request: Basic %.0f ns, API key %.0f ns, bearer (cache hit, %d-char "
                    + "token) %.0f ns%n", basicNanos, apiKeyNanos, token.length(), bearerNanos);
        } finally {
            server.shutdown();
        }
    }

    private static double measure(CallerAuthenticator authenticator, String header, String value) {
        for (int i = 0; i < WARM_UP; i++) {
            assertThat(authenticator.authenticate(request(header, value))).isPresent();
        }
        int found = 0;
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            if (authenticator.authenticate(request(header, value)).isPresent()) {
                found++;
            }
        }
        long elapsed = System.nanoTime() - start;
        assertThat(found).isEqualTo(MEASURED);
        return (double) elapsed / MEASURED;
    }

    private static MockHttpServletRequest request(String header, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/profiles/resolve");
        request.addHeader(header, value);
        return request;
    }
}

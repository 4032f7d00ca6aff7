package com.profilebridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * OAuth bearer tokens against a real authorization server stand-in (mock-oauth2-server on
 * 127.0.0.1): each refusal varies exactly one thing of an otherwise valid token, and a validated
 * token is remembered only as long as it is valid.
 */
class BearerCallersTests {

    static final String AUDIENCE = "profile-bridge";
    static final MockOAuth2Server server = new MockOAuth2Server();

    @BeforeAll
    static void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterAll
    static void stop() {
        server.shutdown();
    }

    /** One time for the validators (Clock) and the cache (Ticker), moved by hand. */
    static final class TestTime extends Clock implements Ticker {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public long read() {
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final TestTime time = new TestTime();
    final AtomicInteger decoded = new AtomicInteger();

    static String issuer() {
        return server.issuerUrl("ivr").toString();
    }

    static CallerProperties.Jwt jwt(String issuer, @Nullable String jwkSetUri, @Nullable String rolesClaim) {
        return new CallerProperties.Jwt(issuer, jwkSetUri, List.of(AUDIENCE), List.of("azp", "client_id"), rolesClaim,
                CallerProperties.Jwt.OFF.algorithms(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(60), 100);
    }

    static CallerProperties properties(CallerProperties.Jwt jwt) {
        return new CallerProperties(Map.of(
                "genesys", new CallerProperties.Caller(List.of(), List.of("INTEGRATION"), List.of("genesys-ivr")),
                "cxone", new CallerProperties.Caller(List.of("cxone-secret"), List.of("INTEGRATION", "OPERATOR"),
                        List.of("cxone-studio")),
                "ops", new CallerProperties.Caller(List.of(), List.of("OPERATOR"), List.of("ops-client"))),
                "X-API-Key", jwt);
    }

    CallerAuthenticator authenticator(CallerProperties.Jwt jwt) {
        JwtDecoder real = BearerCallers.decoder(jwt, time);
        JwtDecoder counting = token -> {
            decoded.incrementAndGet();
            return real.decode(token);
        };
        return new CallerAuthenticator(properties(jwt), counting, time, time);
    }

    CallerAuthenticator authenticator() {
        return authenticator(jwt(issuer(), null, null));
    }

    static String token(String clientId, String audience, long expirySeconds, Map<String, Object> extra) {
        Map<String, Object> claims = new HashMap<>(extra);
        claims.putIfAbsent("azp", clientId);
        return server.issueToken("ivr", clientId, new DefaultOAuth2TokenCallback("ivr", clientId, "JWT",
                List.of(audience), claims, expirySeconds)).serialize();
    }

    static String token(String clientId) {
        return token(clientId, AUDIENCE, 3600, Map.of());
    }

    static MockHttpServletRequest bearer(String token) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/profiles/resolve");
        request.addHeader("Authorization", "Bearer " + token);
        return request;
    }

    static Optional<String> name(CallerAuthenticator authenticator, String token) {
        return authenticator.authenticate(bearer(token)).map(CallerAuthenticator.Caller::name);
    }

    @Test
    void aValidTokenAuthenticatesTheCallerListingItsClient() {
        CallerAuthenticator authenticator = authenticator();

        Optional<CallerAuthenticator.Caller> caller = authenticator.authenticate(bearer(token("genesys-ivr")));

        assertThat(caller).map(CallerAuthenticator.Caller::name).contains("genesys");
        assertThat(caller.orElseThrow().hasRole("INTEGRATION")).isTrue();
        assertThat(caller.orElseThrow().hasRole("OPERATOR")).isFalse();
        assertThat(name(authenticator, token("cxone-studio"))).contains("cxone");
    }

    @Test
    void theClientIdClaimNamesTheClientWhenThereIsNoAzp() throws Exception {
        SignedJWT token = server.anyToken(server.issuerUrl("ivr"), Map.of("client_id", "genesys-ivr", "aud", AUDIENCE,
                "sub", "someone"), Duration.ofHours(1));
        assertThat(token.getJWTClaimsSet().getClaim("azp")).isNull();

        assertThat(name(authenticator(), token.serialize())).contains("genesys");
    }

    @Test
    void refusesAnExpiredToken() {
        assertThat(name(authenticator(), token("genesys-ivr", AUDIENCE, -600, Map.of()))).isEmpty();
    }

    @Test
    void refusesATokenForAnotherAudience() {
        assertThat(name(authenticator(), token("genesys-ivr", "another-api", 3600, Map.of()))).isEmpty();
    }

    @Test
    void refusesATokenFromAnotherIssuerEvenWhenSignedWithTheRightKey() {
        String elsewhere = "http://127.0.0.1:1/elsewhere";
        String token = token("genesys-ivr", AUDIENCE, 3600, Map.of("iss", elsewhere));
        String keys = server.jwksUrl("ivr").toString();

        assertThat(name(authenticator(jwt(issuer(), keys, null)), token)).as("configured issuer").isEmpty();
        assertThat(name(authenticator(jwt(elsewhere, keys, null)), token))
                .as("the same token where its issuer is the configured one: only the issuer differed")
                .contains("genesys");
    }

    @Test
    void refusesATokenSignedByAForeignKeyUnderTheIssuersKeyId() throws Exception {
        SignedJWT genuine = SignedJWT.parse(token("genesys-ivr"));
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(foreign.getKeyID()).build(), genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(foreign));

        assertThat(name(authenticator(), forged.serialize())).isEmpty();
    }

    @Test
    void refusesAnUnsignedOrMalformedToken() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(token("genesys-ivr")).getJWTClaimsSet();
        String unsigned = new PlainJWT(claims).serialize();

        assertThat(name(authenticator(), unsigned)).isEmpty();
        assertThat(name(authenticator(), "not-a-jwt")).isEmpty();
    }

    @Test
    void refusesAClientThatNoCallerLists() {
        assertThat(name(authenticator(), token("someone-else"))).isEmpty();
    }

    @Test
    void aRolesClaimNarrowsTheConfiguredRolesAndNeverAddsOne() {
        CallerAuthenticator authenticator = authenticator(jwt(issuer(), null, "roles"));

        var narrowed = authenticator.authenticate(bearer(token("cxone-studio", AUDIENCE, 3600,
                Map.of("roles", List.of("integration"))))).orElseThrow();
        var none = authenticator.authenticate(bearer(token("genesys-ivr", AUDIENCE, 3600, Map.of()))).orElseThrow();
        var notAdded = authenticator.authenticate(bearer(token("genesys-ivr", AUDIENCE, 3600,
                Map.of("roles", "INTEGRATION OPERATOR")))).orElseThrow();

        assertThat(narrowed.hasRole("INTEGRATION")).isTrue();
        assertThat(narrowed.hasRole("OPERATOR")).as("configured, but not in the token").isFalse();
        assertThat(none.hasRole("INTEGRATION")).as("no roles claim: no role").isFalse();
        assertThat(notAdded.hasRole("OPERATOR")).as("in the token, but not configured").isFalse();
        assertThat(notAdded.hasRole("INTEGRATION")).isTrue();
    }

    @Test
    void remembersAValidatedTokenForTheCacheTtlAndNeverPastItsExpiry() {
        CallerAuthenticator authenticator = authenticator();
        String longLived = token("genesys-ivr");
        String shortLived = token("genesys-ivr", AUDIENCE, 30, Map.of());

        assertThat(name(authenticator, longLived)).contains("genesys");
        assertThat(name(authenticator, longLived)).contains("genesys");
        assertThat(decoded).as("the second call is a cache hit").hasValue(1);
        time.advance(Duration.ofSeconds(61));
        assertThat(name(authenticator, longLived)).contains("genesys");
        assertThat(decoded).as("after the TTL the token is checked again").hasValue(2);

        assertThat(name(authenticator, shortLived)).as("short-lived, 61 s in: still within the clock skew")
                .contains("genesys");
        int before = decoded.get();
        time.advance(Duration.ofSeconds(120));
        assertThat(name(authenticator, shortLived)).as("past its exp (and the skew): refused, not served from the cache")
                .isEmpty();
        assertThat(decoded).hasValue(before + 1);
    }

    @Test
    void oneRequestIsCheckedOnceWhenTheFastPathHandsItOnToTheSecurityChain() {
        CallerAuthenticator authenticator = authenticator();
        MockHttpServletRequest refused = bearer(token("someone-else"));

        authenticator.authenticate(refused);
        authenticator.authenticate(refused);

        assertThat(decoded).hasValue(1);
    }

    @Test
    void startsWithoutTheAuthorizationServerAndRefusesTokensWhileItIsUnreachable() {
        CallerAuthenticator authenticator = authenticator(jwt("http://127.0.0.1:1/ivr", null, null));

        assertThat(name(authenticator, token("genesys-ivr"))).isEmpty();
        assertThat(name(authenticator, "not-a-jwt")).isEmpty();
    }

    @Test
    void bearerTokensAreRefusedWhenNoAuthorizationServerIsConfigured() {
        CallerAuthenticator authenticator = new CallerAuthenticator(properties(CallerProperties.Jwt.OFF), time);

        assertThat(name(authenticator, token("genesys-ivr"))).isEmpty();
        assertThat(authenticator.authenticate(basicCxone()).map(CallerAuthenticator.Caller::name)).contains("cxone");
    }

    @Test
    void refusesToStartWithoutAnAudienceOrWithAClientIdOfTwoCallers() {
        CallerProperties.Jwt noAudience = new CallerProperties.Jwt(issuer(), null, List.of(" "), List.of("azp"), null,
                CallerProperties.Jwt.OFF.algorithms(), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofSeconds(60), 10);
        assertThatThrownBy(() -> new CallerAuthenticator(properties(noAudience), time))
                .hasMessageContaining("bridge.security.jwt.audiences");

        CallerProperties twice = new CallerProperties(Map.of(
                "genesys", new CallerProperties.Caller(List.of(), List.of("INTEGRATION"), List.of("shared")),
                "ops", new CallerProperties.Caller(List.of(), List.of("OPERATOR"), List.of("shared"))),
                "X-API-Key", jwt(issuer(), null, null));
        assertThatThrownBy(() -> new CallerAuthenticator(twice, time)).hasMessageContaining("client id 'shared'");
    }

    private static MockHttpServletRequest basicCxone() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/profiles/resolve");
        request.addHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("cxone:cxone-secret".getBytes(StandardCharsets.UTF_8)));
        return request;
    }
}

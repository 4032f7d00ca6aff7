package com.profilebridge.agent;

import com.profilebridge.testing.MovableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * Genesys agent tokens against a WireMock Genesys API answering {@code tokens/me} and
 * {@code users/me} in the documented shapes. The environment name goes into the stub's path
 * ({@code http://127.0.0.1:<port>/{env}}), so each request shows which environment was asked.
 */
class GenesysTokenValidatorTests {

    static final WireMockServer genesys = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    static {
        genesys.start();
    }

    static final String ORG = "5e1f0c2a-7d3b-4c8e-9a61-0d3e0de30001";
    static final String TOKEN = "gc-opaque-token-8Jq2mZ7xVw";
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    final MovableClock clock = new MovableClock(NOW);
    GenesysTokenValidator validator;

    @AfterAll
    static void stop() {
        genesys.stop();
    }

    @BeforeEach
    void reset() {
        genesys.resetAll();
        validator = validator(List.of(ORG));
    }

    GenesysTokenValidator validator(List<String> organizations) {
        return validator(organizations, List.of("client-1"));
    }

    /** Long enough for a cold JVM's first call on a busy machine, far shorter than the slow stub's delay. */
    static final Duration READ_TIMEOUT = Duration.ofMillis(2_000);

    GenesysTokenValidator validator(List<String> organizations, List<String> clients) {
        var properties = new AgentProperties.Genesys(List.of("mypurecloud.com", "mypurecloud.de"),
                "http://127.0.0.1:" + genesys.port() + "/{env}", organizations, Duration.ofSeconds(60), 100,
                Duration.ofSeconds(1), READ_TIMEOUT, clients);
        return new GenesysTokenValidator(properties, RestClient.builder(), clock, UnaryOperator.identity());
    }

    @Test
    void aValidTokenGivesTheAgentsIdentity() {
        stubTokenInfo("mypurecloud.de", ORG, NOW.plus(Duration.ofHours(8)));
        stubUser("mypurecloud.de");

        AgentIdentity agent = validator.validate(TOKEN, "mypurecloud.de");

        assertThat(agent).isEqualTo(new AgentIdentity(AgentPlatform.GENESYS, "user-7", "Ada Lovelace", ORG,
                NOW.plus(Duration.ofHours(8))));
        assertThat(agent.actor()).isEqualTo("genesys:user-7");
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/tokens/me"))
                .withQueryParam("preserveIdleTTL", equalTo("true"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/users/me"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aTokenIssuedToAnotherOauthClientOfTheSameOrganisationIsRejected() {
        stubTokenInfo("mypurecloud.de", ORG, NOW.plus(Duration.ofHours(8)));
        stubUser("mypurecloud.de");

        assertThatThrownBy(() -> validator(List.of(ORG), List.of("the-widget-client")).validate(TOKEN, "mypurecloud.de"))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("application that is not allowed");
        // the same token from the allowed client passes, so the client id alone decided
        assertThat(validator(List.of(ORG), List.of("CLIENT-1")).validate(TOKEN, "mypurecloud.de").agentId())
                .isEqualTo("user-7");
    }

    @Test
    void aTokenThatNamesNoOauthClientIsRejected() {
        genesys.stubFor(tokensMe("mypurecloud.de").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"organization\":{\"id\":\"" + ORG
                        + "\"},\"expirationDate\":\"" + NOW.plus(Duration.ofHours(8)) + "\"}")));
        stubUser("mypurecloud.de");

        assertThatThrownBy(() -> validator.validate(TOKEN, "mypurecloud.de"))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("application that is not allowed");
    }

    @Test
    void theOauthClientIsReadInTheSdksSpellingToo() {
        genesys.stubFor(tokensMe("mypurecloud.de").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"organization\":{\"id\":\"" + ORG
                        + "\"},\"oAuthClient\":{\"id\":\"client-1\"},\"expirationDate\":\""
                        + NOW.plus(Duration.ofHours(8)) + "\"}")));
        stubUser("mypurecloud.de");

        assertThat(validator.validate(TOKEN, "mypurecloud.de").agentId()).isEqualTo("user-7");
    }

    @Test
    void withoutAnAllowedOauthClientEveryTokenIsRejectedUnasked() {
        assertThatThrownBy(() -> validator(List.of(ORG), List.of()).validate(TOKEN, "mypurecloud.de"))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("No Genesys OAuth client");
        genesys.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theAgentsIdentityExpiresWhenTheTokenIdlesOutIfThatIsEarlier() {
        Instant idles = NOW.plus(Duration.ofMinutes(30));
        genesys.stubFor(tokensMe("mypurecloud.de").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"organization\":{\"id\":\"" + ORG
                        + "\"},\"OAuthClient\":{\"id\":\"client-1\"},\"expirationDate\":\""
                        + NOW.plus(Duration.ofHours(8)) + "\",\"dateTokenIdles\":\"" + idles + "\"}")));
        stubUser("mypurecloud.de");

        assertThat(validator.validate(TOKEN, "mypurecloud.de").expiresAt()).isEqualTo(idles);
    }

    @Test
    void theHostOriginOfTheDesktopNamesTheSameEnvironment() {
        stubTokenInfo("mypurecloud.de", ORG, NOW.plus(Duration.ofHours(8)));
        stubUser("mypurecloud.de");

        assertThat(validator.validate(TOKEN, "https://apps.mypurecloud.de").organizationId()).isEqualTo(ORG);
    }

    @Test
    void aSecondValidationWithinTheCacheWindowAsksGenesysNoMore() {
        stubTokenInfo("mypurecloud.com", ORG, NOW.plus(Duration.ofHours(8)));
        stubUser("mypurecloud.com");

        AgentIdentity first = validator.validate(TOKEN, "mypurecloud.com");
        clock.advance(Duration.ofSeconds(59));
        AgentIdentity second = validator.validate(TOKEN, "mypurecloud.com");

        assertThat(second).isEqualTo(first);
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.com/api/v2/tokens/me")));
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.com/api/v2/users/me")));
    }

    @Test
    void afterTheCacheWindowGenesysIsAskedAgain() {
        stubTokenInfo("mypurecloud.com", ORG, NOW.plus(Duration.ofHours(8)));
        stubUser("mypurecloud.com");

        validator.validate(TOKEN, "mypurecloud.com");
        clock.advance(Duration.ofSeconds(61));
        validator.validate(TOKEN, "mypurecloud.com");

        genesys.verify(2, getRequestedFor(urlPathEqualTo("/mypurecloud.com/api/v2/tokens/me")));
    }

    @Test
    void aCachedValidationNeverOutlivesTheToken() {
        stubTokenInfo("mypurecloud.com", ORG, NOW.plus(Duration.ofSeconds(20)));
        stubUser("mypurecloud.com");
        validator.validate(TOKEN, "mypurecloud.com");

        clock.advance(Duration.ofSeconds(21));

        assertThatThrownBy(() -> validator.validate(TOKEN, "mypurecloud.com"))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("expired");
        genesys.verify(2, getRequestedFor(urlPathEqualTo("/mypurecloud.com/api/v2/tokens/me")));
    }

    @Test
    void anEnvironmentOffTheAllowlistIsNeverContacted() {
        genesys.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200)));

        for (String environment : List.of("evil.example.com", "127.0.0.1:" + genesys.port(), "mypurecloud.com.evil.io",
                "mypurecloud.com/../x", "")) {
            assertThatThrownBy(() -> validator.validate(TOKEN, environment)).as(environment)
                    .isInstanceOf(AgentTokenRejected.class);
        }
        assertThatThrownBy(() -> validator.validate(TOKEN, null)).isInstanceOf(AgentTokenRejected.class)
                .hasMessageContaining("missing");
        genesys.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anExpiredOrRevokedTokenIsRejectedWithoutTheTokenInTheMessage() {
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.com/api/v2/tokens/me")).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Invalid login credentials.\",\"code\":\"bad.credentials\",\"status\":401}")));

        assertThatThrownBy(() -> validator.validate(TOKEN, "mypurecloud.com"))
                .isInstanceOf(AgentTokenRejected.class)
                .hasMessageContaining("expired or was revoked")
                .message().doesNotContain(TOKEN);
        genesys.verify(0, getRequestedFor(urlPathEqualTo("/mypurecloud.com/api/v2/users/me")));
    }

    @Test
    void aTokenOfAnotherOrganisationIsRejected() {
        stubTokenInfo("mypurecloud.com", "0badc0de-0000-4000-8000-000000000000", NOW.plus(Duration.ofHours(8)));
        stubUser("mypurecloud.com");

        assertThatThrownBy(() -> validator.validate(TOKEN, "mypurecloud.com"))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("organisation");
        genesys.verify(0, getRequestedFor(urlPathEqualTo("/mypurecloud.com/api/v2/users/me")));
    }

    @Test
    void withNoOrganisationAllowedEveryTokenIsRejectedUnsent() {
        GenesysTokenValidator closed = validator(List.of());

        assertThatThrownBy(() -> closed.validate(TOKEN, "mypurecloud.com")).isInstanceOf(AgentTokenRejected.class);
        genesys.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aGenesysServerErrorMeansUnavailableNotRejected() {
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.com/api/v2/tokens/me")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> validator.validate(TOKEN, "mypurecloud.com"))
                .isInstanceOf(AgentPlatformUnavailable.class).hasMessageContaining("Genesys is unavailable");
    }

    @Test
    void aSlowGenesysTimesOutAsUnavailable() {
        stubTokenInfo("mypurecloud.com", ORG, NOW.plus(Duration.ofHours(8)));
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.com/api/v2/users/me"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(8_000)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> validator.validate(TOKEN, "mypurecloud.com"))
                .isInstanceOf(AgentPlatformUnavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the read timeout, not Genesys' 8 s")
                .isLessThan(Duration.ofMillis(6_000));
    }

    @Test
    void aFailedValidationIsNotCached() {
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.com/api/v2/tokens/me")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> validator.validate(TOKEN, "mypurecloud.com")).isInstanceOf(AgentPlatformUnavailable.class);

        genesys.resetAll();
        stubTokenInfo("mypurecloud.com", ORG, NOW.plus(Duration.ofHours(8)));
        stubUser("mypurecloud.com");

        assertThat(validator.validate(TOKEN, "mypurecloud.com").agentId()).isEqualTo("user-7");
    }

    @Test
    void aMalformedTokenIsRejectedBeforeAnyCall() {
        AgentTokens tokens = new AgentTokens(validator, new CxoneTokenValidator(new AgentProperties.Cxone(
                List.of("https://cxone.niceincontact.com"), java.util.Map.of(), List.of("t"), null,
                java.util.Set.of(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1), null, "v27.0"), clock,
                UnaryOperator.identity()));

        for (String token : new String[] {"", "short", "has space inside", "line\r\nInjected: header", "x".repeat(9000)}) {
            assertThatThrownBy(() -> tokens.validate(AgentPlatform.GENESYS, token, "mypurecloud.com")).as(token)
                    .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("missing or malformed");
        }
        assertThatThrownBy(() -> tokens.validate(AgentPlatform.GENESYS, null, "mypurecloud.com"))
                .isInstanceOf(AgentTokenRejected.class);
        genesys.verify(0, anyRequestedFor(anyUrl()));
    }

    /** {@code tokens/me} as documented, with fields this code does not read (it must ignore them). */
    private static void stubTokenInfo(String env, String organization, Instant expires) {
        genesys.stubFor(tokensMe(env).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"organization":{"id":"%s","name":"Acme","selfUri":"/api/v2/organizations/%s"},
                         "homeOrganization":{"id":"%s","name":"Acme","thirdPartyOrgName":"acme"},
                         "authorizedScope":["users:readonly","conversations"],
                         "clonedUser":false,
                         "OAuthClient":{"id":"client-1","name":"Widget","organization":{"id":"%s"}},
                         "expirationDate":"%s",
                         "someFutureField":{"nested":[1,2,3]}}""".formatted(organization, organization, organization,
                        organization, expires))));
    }

    private static MappingBuilder tokensMe(String env) {
        return get(urlPathEqualTo("/" + env + "/api/v2/tokens/me")).withHeader("Authorization", equalTo("Bearer " + TOKEN));
    }

    private static void stubUser(String env) {
        genesys.stubFor(get(urlPathEqualTo("/" + env + "/api/v2/users/me"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"user-7\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\","
                                + "\"division\":{\"id\":\"d-1\"},\"state\":\"active\",\"version\":3}")));
    }
}

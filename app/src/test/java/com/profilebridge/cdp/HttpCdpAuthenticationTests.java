package com.profilebridge.cdp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.support.Http;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The generic HTTP CDP adapter's service-account authentication against a WireMock CDP (which also
 * plays the OAuth2 token endpoint, so every token fetch is counted), and its lookup contract.
 */
class HttpCdpAuthenticationTests {

    static final WireMockServer cdp = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    static {
        cdp.start();
    }

    @AfterAll
    static void stop() {
        cdp.stop();
    }

    static String cdpUrl() {
        return "http://127.0.0.1:" + cdp.port();
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "cdp.provider=http",
            "cdp.http.auth.type=api-key",
            "cdp.http.auth.api-key-header=X-Cdp-Key",
            "cdp.http.auth.api-key=" + ApiKey.KEY})
    @ActiveProfiles({"demo", "test"})
    class ApiKey {

        static final String KEY = "cdp-key-7f3a9c51e2";

        @DynamicPropertySource
        static void cdpBaseUrl(DynamicPropertyRegistry registry) {
            registry.add("cdp.http.base-url", HttpCdpAuthenticationTests::cdpUrl);
        }

        @LocalServerPort
        int port;

        @Autowired
        ProfileService profiles;

        @Autowired
        CircuitBreakerRegistry breakers;

        Http http;

        @BeforeEach
        void reset() {
            cdp.resetAll();
            profiles.evictAllLocal();
            breakers.circuitBreaker("cdp-http").reset();
            http = new Http(port);
        }

        @Test
        void everyCdpCallCarriesTheConfiguredKeyHeader() {
            stubProfileByPhone("+15551230001", "usr_1");
            stubProfileById("usr_2");
            cdp.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(200)));

            assertThat(resolve("{\"identifier\":\"+15551230001\"}").path("cdp_user_id").asString()).isEqualTo("usr_1");
            assertThat(resolve("{\"userId\":\"usr_2\"}").path("cdp_user_id").asString()).isEqualTo("usr_2");
            assertThat(http.get("/actuator/health").statusCode()).as("the health probe calls the CDP too").isEqualTo(200);

            List<LoggedRequest> calls = cdp.findAll(anyRequestedFor(anyUrl()));
            assertThat(calls).extracting(LoggedRequest::getUrl)
                    .contains("/v1/profiles/resolve", "/v1/profiles/usr_2", "/");
            assertThat(calls).allSatisfy(call -> {
                assertThat(call.getHeader("X-Cdp-Key")).as(call.getUrl()).isEqualTo(KEY);
                assertThat(call.containsHeader("X-API-Key")).as("the default header name is replaced").isFalse();
                assertThat(call.containsHeader("Authorization")).isFalse();
            });
        }

        @Test
        void theKeyNeverAppearsInTheResolveResponse() {
            stubProfileByPhone("+15551230002", "usr_3");
            HttpResponse<String> found = http.resolveJson("{\"identifier\":\"+15551230002\"}");
            cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"bad key " + KEY + "\"}")));
            HttpResponse<String> refused = http.resolveJson("{\"identifier\":\"+15551230003\"}");

            assertThat(Http.json(found).path("cdp_user_id").asString()).isEqualTo("usr_3");
            assertThat(Http.json(refused).path("status").asString()).isEqualTo("degraded");
            for (HttpResponse<String> response : List.of(found, refused)) {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).doesNotContain(KEY, "X-Cdp-Key");
                assertThat(response.headers().map().toString()).doesNotContain(KEY);
            }
        }

        @Test
        void looksUpAUserIdWithGetOnItsProfilePath() {
            stubProfileById("usr_1");
            JsonNode body = resolve("{\"userId\":\"usr_1\"}");

            assertThat(body.path("status").asString()).isEqualTo("success");
            assertThat(body.path("profile_source").asString()).isEqualTo("FRESH");
            assertThat(body.path("cdp_user_id").asString()).isEqualTo("usr_1");
            assertThat(body.path("tier").asString()).isEqualTo("GOLD");
            cdp.verify(1, getRequestedFor(urlEqualTo("/v1/profiles/usr_1")));
            cdp.verify(0, postRequestedFor(urlEqualTo("/v1/profiles/resolve")));
        }

        @Test
        void aNotFoundUserIdIsNoProfileNotAnOutage() {
            cdp.stubFor(get(urlPathEqualTo("/v1/profiles/usr_gone")).willReturn(aResponse().withStatus(404)));
            HttpResponse<String> response = http.resolveJson("{\"userId\":\"usr_gone\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = Http.json(response);
            assertThat(body.path("status").asString()).isEqualTo("not_found");
            assertThat(body.path("reason").asString()).isEqualTo("no_match");
            assertThat(body.path("identity_status").asString()).isEqualTo("GUEST");
            assertThat(body.has("cdp_user_id")).isFalse();
            cdp.verify(1, getRequestedFor(urlEqualTo("/v1/profiles/usr_gone")));
            assertThat(breakers.circuitBreaker("cdp-http").getMetrics().getNumberOfFailedCalls())
                    .as("a 404 is not a failure").isZero();
        }

        @Test
        void aNotFoundBodyForAUserIdIsAGuestNeverAVerifiedMatch() {
            cdp.stubFor(get(urlPathEqualTo("/v1/profiles/usr_none")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"status\":\"not_found\"}")));
            JsonNode body = resolve("{\"userId\":\"usr_none\",\"verifiedBy\":\"pin\"}");

            assertThat(body.path("status").asString()).isEqualTo("not_found");
            assertThat(body.path("identity_status").asString()).isEqualTo("GUEST");
            assertThat(body.path("confidence_score").asDouble()).isZero();
            assertThat(body.has("cdp_user_id")).isFalse();
        }

        private JsonNode resolve(String json) {
            HttpResponse<String> response = http.resolveJson(json);
            assertThat(response.statusCode()).isEqualTo(200);
            return Http.json(response);
        }

        private static void stubProfileByPhone(String e164, String userId) {
            cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve"))
                    .withHeader("X-Cdp-Key", equalTo(KEY))
                    .withRequestBody(equalToJson("{\"identifier\":\"" + e164 + "\"}", true, true))
                    .willReturn(profile("{\"status\":\"success\",\"profile\":{\"cdp_user_id\":\"" + userId
                            + "\",\"tier\":\"GOLD\"}}")));
        }

        private static void stubProfileById(String userId) {
            cdp.stubFor(get(urlEqualTo("/v1/profiles/" + userId))
                    .withHeader("X-Cdp-Key", equalTo(KEY))
                    .willReturn(profile("{\"cdp_user_id\":\"" + userId + "\",\"tier\":\"GOLD\"}")));
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "cdp.provider=http",
            "cdp.http.auth.type=oauth2",
            "spring.security.oauth2.client.registration.cdp.client-id=" + OAuth2ClientCredentials.CLIENT_ID,
            "spring.security.oauth2.client.registration.cdp.client-secret=" + OAuth2ClientCredentials.CLIENT_SECRET,
            "spring.security.oauth2.client.registration.cdp.authorization-grant-type=client_credentials",
            "spring.security.oauth2.client.registration.cdp.scope=profiles.read"})
    @ActiveProfiles({"demo", "test"})
    class OAuth2ClientCredentials {

        static final String CLIENT_ID = "profile-bridge";
        static final String CLIENT_SECRET = "cdp-client-secret-4d2b";
        static final String TOKEN_PATH = "/oauth2/token";

        @DynamicPropertySource
        static void cdpUrls(DynamicPropertyRegistry registry) {
            registry.add("cdp.http.base-url", HttpCdpAuthenticationTests::cdpUrl);
            registry.add("spring.security.oauth2.client.provider.cdp.token-uri", () -> cdpUrl() + TOKEN_PATH);
        }

        @LocalServerPort
        int port;

        @Autowired
        ProfileService profiles;

        @Autowired
        CircuitBreakerRegistry breakers;

        @Autowired
        OAuth2AuthorizedClientService authorizedClients;

        Http http;

        @BeforeEach
        void reset() {
            cdp.resetAll();
            profiles.evictAllLocal();
            breakers.circuitBreaker("cdp-http").reset();
            // CDP calls run on loader threads without a security context: Spring's interceptor
            // then authorizes as the anonymous principal, and caches the token under that name.
            authorizedClients.removeAuthorizedClient("cdp", "anonymousUser");
            http = new Http(port);
            cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(profile(
                    "{\"status\":\"success\",\"profile\":{\"cdp_user_id\":\"usr_1\",\"tier\":\"GOLD\"}}")));
        }

        @Test
        void theCdpReceivesTheClientCredentialsTokenAsABearer() {
            stubTokens(3600, "cdp-access-token-1");

            HttpResponse<String> response = http.resolveJson("{\"identifier\":\"+15551230001\"}");
            JsonNode body = Http.json(response);

            assertThat(body.path("cdp_user_id").asString()).isEqualTo("usr_1");
            cdp.verify(1, postRequestedFor(urlEqualTo("/v1/profiles/resolve"))
                    .withHeader("Authorization", equalTo("Bearer cdp-access-token-1")));
            String basic = Base64.getEncoder().encodeToString(
                    (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            cdp.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                    .withHeader("Authorization", equalTo("Basic " + basic))
                    .withRequestBody(containing("grant_type=client_credentials"))
                    .withRequestBody(containing("scope=profiles.read")));
            assertThat(response.body()).doesNotContain("cdp-access-token-1", CLIENT_SECRET);
        }

        @Test
        void manyCdpCallsReuseOneToken() {
            stubTokens(3600, "t1", "t2");

            for (int i = 0; i < 10; i++) {
                assertThat(resolve("+1555123%04d".formatted(100 + i)).path("status").asString()).isEqualTo("success");
            }

            cdp.verify(10, postRequestedFor(urlEqualTo("/v1/profiles/resolve")));
            cdp.verify(10, postRequestedFor(urlEqualTo("/v1/profiles/resolve"))
                    .withHeader("Authorization", equalTo("Bearer t1")));
            cdp.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        }

        @Test
        void aTokenInsideTheSixtySecondClockSkewIsRefreshedBeforeEveryCall() {
            // Spring's client-credentials provider renews a token 60 s before it expires, on its own
            // Clock.systemUTC(): a token that lives 30 s is already "expiring" when it arrives.
            stubTokens(30, "t1", "t2", "t3");

            for (int i = 0; i < 3; i++) {
                resolve("+1555123%04d".formatted(200 + i));
            }

            cdp.verify(3, postRequestedFor(urlEqualTo(TOKEN_PATH)));
            assertThat(cdp.findAll(postRequestedFor(urlEqualTo("/v1/profiles/resolve"))))
                    .extracting(call -> call.getHeader("Authorization"))
                    .containsExactly("Bearer t1", "Bearer t2", "Bearer t3");
        }

        @Test
        void aTokenValidBeyondTheClockSkewIsReused() {
            stubTokens(90, "t1", "t2");

            for (int i = 0; i < 3; i++) {
                resolve("+1555123%04d".formatted(300 + i));
            }

            cdp.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
            cdp.verify(3, postRequestedFor(urlEqualTo("/v1/profiles/resolve"))
                    .withHeader("Authorization", equalTo("Bearer t1")));
        }

        @Test
        void aFailingTokenEndpointGivesTheIvrADegradedGuestAnswer() {
            cdp.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(500)));

            HttpResponse<String> response = http.resolveJson("{\"identifier\":\"+15551230400\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = Http.json(response);
            assertThat(body.path("status").asString()).isEqualTo("degraded");
            assertThat(body.path("identity_status").asString()).isEqualTo("GUEST");
            cdp.verify(0, postRequestedFor(urlEqualTo("/v1/profiles/resolve")));
        }

        @Test
        void aFailingTokenEndpointOpensTheBreakerLikeAnyCdpOutage() {
            cdp.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(500)));

            for (int i = 0; i < 6; i++) {
                assertThat(resolve("+1555123%04d".formatted(500 + i)).path("reason").asString())
                        .isEqualTo("cdp_unavailable");
            }

            assertThat(breakers.circuitBreaker("cdp-http").getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(resolve("+15551230599").path("reason").asString()).isEqualTo("circuit_open");
            cdp.verify(6, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        }

        private JsonNode resolve(String phone) {
            HttpResponse<String> response = http.resolveJson("{\"identifier\":\"" + phone + "\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            return Http.json(response);
        }

        /** The token endpoint hands out the given tokens in order, each valid for expiresIn seconds. */
        private static void stubTokens(int expiresIn, String... tokens) {
            for (int i = 0; i < tokens.length; i++) {
                cdp.stubFor(post(urlEqualTo(TOKEN_PATH))
                        .inScenario("tokens")
                        .whenScenarioStateIs(i == 0 ? Scenario.STARTED : tokens[i - 1])
                        .willSetStateTo(tokens[i])
                        .willReturn(aResponse().withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withHeader("Cache-Control", "no-store")
                                .withBody("{\"access_token\":\"" + tokens[i] + "\",\"token_type\":\"Bearer\","
                                        + "\"expires_in\":" + expiresIn + ",\"scope\":\"profiles.read\"}")));
            }
        }
    }

    private static ResponseDefinitionBuilder profile(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json);
    }
}

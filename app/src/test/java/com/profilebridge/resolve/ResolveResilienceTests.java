package com.profilebridge.resolve;

import static org.awaitility.Awaitility.await;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.support.Http;
import com.profilebridge.support.Ports;
import com.profilebridge.testing.MovableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The resolve endpoint against a WireMock CDP that is slow, failing, empty or gone: the IVR always
 * gets a 200 inside its budget, from fresh, cached, stale or guest data.
 */
// Generous CDP client timeouts: the 500-request bursts share two cores with the app and the stub;
// the IVR budget (1.5 s) is what these tests hold the answers to.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cdp.provider=http", "cdp.http.read-timeout=10s", "cdp.http.connect-timeout=2000ms",
                "bridge.resolve.budget=1500ms"})
@ActiveProfiles({"demo", "test"})
class ResolveResilienceTests {

    // A fixed port (picked free at start) so the stub can be stopped and started at the same address.
    static final WireMockServer cdp = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").port(Ports.free()).containerThreads(64));
    static final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));

    static {
        cdp.start();
    }

    @DynamicPropertySource
    static void cdpUrl(DynamicPropertyRegistry registry) {
        registry.add("cdp.http.base-url", () -> "http://127.0.0.1:" + cdp.port());
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return clock;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ProfileService profiles;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    Http http;

    @BeforeEach
    void reset() {
        cdp.resetAll();
        profiles.evictAllLocal();
        breakers.circuitBreaker("cdp-http").reset();
        http = new Http(port);
    }

    @AfterAll
    static void stop() {
        cdp.stop();
    }

    @Test
    void answersFreshDataWhenTheCdpTakes200ms() {
        stubProfile("+15551230001", "usr_1", 200);
        JsonNode body = resolve("+1 (555) 123-0001");
        assertThat(body.path("status").asString()).isEqualTo("success");
        assertThat(body.path("profile_source").asString()).isEqualTo("FRESH");
        assertThat(body.path("cdp_user_id").asString()).isEqualTo("usr_1");
        assertThat(body.path("profile").path("recent_orders").get(0).asString()).isEqualTo("ORD-123");
        cdp.verify(1, postRequestedFor(urlEqualTo("/v1/profiles/resolve"))
                .withRequestBody(matchingJsonPath("$.identifier", com.github.tomakehurst.wiremock.client.WireMock.equalTo("+15551230001"))));
    }

    @Test
    void answersAGuestInsideTheBudgetWhenTheCdpTakesTwoSeconds() {
        stubProfile("+15551230002", "usr_2", 2000);
        long start = System.nanoTime();
        HttpResponse<String> response = http.resolveJson("{\"identifier\":\"+15551230002\",\"channel\":\"voice\",\"source\":\"genesys\"}");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        JsonNode body = Http.json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(tookMs).as("the IVR allows 2 s; the budget is 1.5 s").isLessThan(2000);
        assertThat(body.path("identity_status").asString()).isEqualTo("GUEST");
        assertThat(body.path("status").asString()).isEqualTo("degraded");
        assertThat(body.path("reason").asString()).isIn("cdp_timeout", "cdp_unavailable");
        assertThat(body.has("cdp_user_id")).isFalse();
    }

    @Test
    void answersAGuestWhenTheCdpAnswers504() {
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(504)));
        JsonNode body = resolve("+15551230003");
        assertThat(body.path("identity_status").asString()).isEqualTo("GUEST");
        assertThat(body.path("status").asString()).isEqualTo("degraded");
        assertThat(body.path("reason").asString()).isEqualTo("cdp_unavailable");
    }

    @Test
    void answersAGuestWhenTheCdpSendsAnEmptyResponse() {
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        JsonNode body = resolve("+15551230004");
        assertThat(body.path("status").asString()).isEqualTo("degraded");
        assertThat(body.path("profile_source").asString()).isEqualTo("NONE");
    }

    @Test
    void answersAGuestWhenTheCdpRefusesConnections() {
        int cdpPort = cdp.port();
        cdp.stop();
        try {
            JsonNode body = resolve("+15551230005");
            assertThat(body.path("status").asString()).isEqualTo("degraded");
            assertThat(body.path("reason").asString()).isEqualTo("cdp_unavailable");
        } finally {
            cdp.start();
            assertThat(cdp.port()).isEqualTo(cdpPort);
        }
    }

    @Test
    void treatsNotFoundAsANoMatchNotAnOutage() {
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(404)));
        JsonNode body = resolve("+15551230006");
        assertThat(body.path("status").asString()).isEqualTo("not_found");
        assertThat(body.path("reason").asString()).isEqualTo("no_match");
        assertThat(body.path("identity_status").asString()).isEqualTo("GUEST");
    }

    @Test
    void servesTheCachedProfileAsStaleWithItsAgeWhenTheCdpFails() {
        stubProfile("+15551230007", "usr_7", 0);
        assertThat(resolve("+15551230007").path("profile_source").asString()).isEqualTo("FRESH");
        clock.advance(Duration.ofMinutes(2));
        assertThat(resolve("+15551230007").path("profile_source").asString()).isEqualTo("CACHED");

        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(504)));
        clock.advance(Duration.ofMinutes(10));
        JsonNode stale = resolve("+15551230007");
        assertThat(stale.path("profile_source").asString()).isEqualTo("STALE");
        assertThat(stale.path("profile_age_seconds").asLong()).isEqualTo(720);
        assertThat(stale.path("cdp_user_id").asString()).isEqualTo("usr_7");
    }

    @Test
    void dropsStaleEntriesOlderThanTheMaximumAge() {
        stubProfile("+15551230008", "usr_8", 0);
        resolve("+15551230008");
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(504)));
        clock.advance(Duration.ofHours(25));
        JsonNode body = resolve("+15551230008");
        assertThat(body.path("profile_source").asString()).isEqualTo("NONE");
        assertThat(body.path("identity_status").asString()).isEqualTo("GUEST");
    }

    @Test
    void fiveHundredConcurrentMissesForOneKeyMakeOneCdpCall() throws Exception {
        stubProfile("+15551230009", "usr_9", 300);
        List<JsonNode> answers = concurrently(500, "+15551230009");
        assertThat(answers).allSatisfy(a -> assertThat(a.path("cdp_user_id").asString()).isEqualTo("usr_9"));
        cdp.verify(1, postRequestedFor(urlEqualTo("/v1/profiles/resolve")));
    }

    @Test
    void fiveHundredConcurrentRequestsForOneExpiredKeyMakeOneRefresh() throws Exception {
        stubProfile("+15551230010", "usr_10", 0);
        resolve("+15551230010");
        stubProfile("+15551230010", "usr_10", 500);
        clock.advance(Duration.ofMinutes(6));
        List<JsonNode> answers = concurrently(500, "+15551230010");
        // Served at once from the expired entry; once the one refresh lands, later callers see it fresh.
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.path("profile_source").asString()).isIn("STALE", "CACHED");
            assertThat(a.path("cdp_user_id").asString()).isEqualTo("usr_10");
        });
        assertThat(answers).anySatisfy(a -> assertThat(a.path("profile_source").asString()).isEqualTo("STALE"));
        // The one background refresh lands (500 ms stub delay; bounded wait on a busy 2-core machine).
        String source = await().atMost(Duration.ofSeconds(5))
                .until(() -> resolve("+15551230010").path("profile_source").asString(), "CACHED"::equals);
        assertThat(source).isEqualTo("CACHED");
        cdp.verify(2, postRequestedFor(urlEqualTo("/v1/profiles/resolve")));
    }

    @Test
    void anOpenBreakerStopsCdpCallsAndServesStaleOrGuestAtOnce() {
        stubProfile("+15551230011", "usr_11", 0);
        resolve("+15551230011");
        clock.advance(Duration.ofMinutes(6)); // the entry is now expired

        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(504)));
        for (int i = 0; i < 6; i++) {
            resolve("+1555124%04d".formatted(i));
        }
        assertThat(breakers.circuitBreaker("cdp-http").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(meters.get("bridge.cdp.breaker.transitions").tag("to", "OPEN").counter().count()).isPositive();
        int callsWhenOpened = cdp.findAll(postRequestedFor(urlEqualTo("/v1/profiles/resolve"))).size();

        JsonNode stale = resolve("+15551230011");
        assertThat(stale.path("profile_source").asString()).isEqualTo("STALE");
        assertThat(stale.path("reason").asString()).isEqualTo("circuit_open");
        assertThat(stale.path("cdp_user_id").asString()).isEqualTo("usr_11");
        JsonNode guest = resolve("+15551249999");
        assertThat(guest.path("identity_status").asString()).isEqualTo("GUEST");
        assertThat(guest.path("reason").asString()).isEqualTo("circuit_open");
        assertThat(cdp.findAll(postRequestedFor(urlEqualTo("/v1/profiles/resolve")))).hasSize(callsWhenOpened);

        // After 30 s the breaker lets probes through; healthy answers close it again.
        stubProfile("+15551230012", "usr_12", 0);
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 3; i++) {
            assertThat(resolve("+15551230012").path("profile_source").asString()).isEqualTo("FRESH");
            profiles.evictAllLocal();
        }
        assertThat(breakers.circuitBreaker("cdp-http").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void namesNobodyWhenAHouseholdSharesThePhone() {
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"profile\":{\"cdp_user_id\":\"usr_a\",\"tier\":\"GOLD\"},"
                        + "\"candidates\":[\"usr_b\",{\"cdp_user_id\":\"usr_c\"}]}")));
        JsonNode body = resolve("+15551230015");
        assertThat(body.path("identity_status").asString()).isEqualTo("NEEDS_VERIFICATION");
        assertThat(body.path("match_type").asString()).isEqualTo("PHONE_SHARED");
        assertThat(body.path("candidate_count").asInt()).isEqualTo(3);
        assertThat(body.path("reason").asString()).isEqualTo("ambiguous_match");
        assertThat(body.has("cdp_user_id")).isFalse();
        assertThat(body.has("tier")).isFalse();
    }

    @Test
    void cutsAHugeProfileToTenKilobytes() {
        StringBuilder orders = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            orders.append(i == 0 ? "" : ",").append("\"ORD-").append("9".repeat(20)).append(i).append('"');
        }
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"profile\":{\"cdp_user_id\":\"usr_huge\",\"tier\":\""
                        + "G".repeat(20_000) + "\",\"preferred_channel\":\"chat\",\"recent_orders\":[" + orders
                        + "],\"sentiment_score\":0.5,\"notes\":\"" + "n".repeat(50_000) + "\"}}")));
        HttpResponse<String> response = http.resolveJson("{\"identifier\":\"+15551230013\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(10_240);
        JsonNode body = Http.json(response);
        assertThat(body.path("truncated").asBoolean()).isTrue();
        assertThat(body.path("cdp_user_id").asString()).isEqualTo("usr_huge");
        assertThat(body.path("recent_order_count").asInt()).isEqualTo(2000);
    }

    @Test
    void neverLetsSsnsOrCardNumbersOut() {
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"profile\":{\"cdp_user_id\":\"usr_pii\",\"ssn\":\"123-45-6789\","
                        + "\"credit_card_number\":\"4111111111111111\",\"tier\":\"GOLD 4111 1111 1111 1111\","
                        + "\"recent_orders\":[\"ORD-1 SSN 123-45-6789\"]}}")));
        HttpResponse<String> response = http.resolveJson("{\"identifier\":\"+15551230014\"}");
        assertThat(response.body()).doesNotContain("123-45-6789", "4111111111111111", "4111 1111 1111 1111");
    }

    private List<JsonNode> concurrently(int n, String phone) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> http.resolveJson("{\"identifier\":\"" + phone + "\"}")));
            }
            List<JsonNode> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).isEqualTo(200);
                answers.add(Http.json(r));
            }
            return answers;
        }
    }

    private JsonNode resolve(String phone) {
        HttpResponse<String> response = http.resolveJson("{\"identifier\":\"" + phone + "\",\"channel\":\"voice\",\"source\":\"genesys\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(":null");
        return Http.json(response);
    }

    private static void stubProfile(String e164, String userId, int delayMs) {
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve"))
                .withRequestBody(equalToJson("{\"identifier\":\"" + e164 + "\"}", true, true))
                .willReturn(aResponse().withStatus(200).withFixedDelay(delayMs)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"success\",\"profile\":{\"cdp_user_id\":\"" + userId + "\","
                                + "\"tier\":\"GOLD\",\"lifetime_value\":12500,\"preferred_channel\":\"chat\","
                                + "\"recent_orders\":[\"ORD-123\",\"ORD-456\"],\"sentiment_score\":0.85}}")));
    }
}

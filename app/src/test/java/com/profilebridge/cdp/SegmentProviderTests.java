package com.profilebridge.cdp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.profilebridge.outcome.DeliveryWorker;
import com.profilebridge.support.Http;
import com.profilebridge.support.OutcomeDeliveries;
import com.profilebridge.testing.MovableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code cdp.provider=segment} the IVR, the breaker and the outcome pipeline work as with any
 * CDP, against a WireMock Segment (Profile API and Tracking API, shaped as Segment documents them:
 * https://segment.com/docs/unify/profile-api/,
 * https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cdp.provider=segment",
        "cdp.segment.space-id=" + SegmentProviderTests.SPACE,
        "cdp.segment.access-token=" + SegmentProviderTests.TOKEN,
        "cdp.segment.write-key=" + SegmentProviderTests.WRITE_KEY,
        "cdp.segment.traits.household=household_user_ids",
        "bridge.outcomes.delivery.enabled=false",
        "bridge.outcomes.settle-window=60s"})
@ActiveProfiles({"demo", "test"})
class SegmentProviderTests {

    static final String SPACE = "spa_app1";
    static final String TOKEN = "sgp-app-token-31c9";
    static final String WRITE_KEY = "wk-app-8d2f";
    static final String PROFILES = "/v1/spaces/" + SPACE + "/collections/users/profiles/";
    static final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T09:00:00Z"));
    static final WireMockServer segment = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final JsonMapper json = JsonMapper.builder().build();

    static {
        segment.start();
    }

    @DynamicPropertySource
    static void segmentHosts(DynamicPropertyRegistry registry) {
        registry.add("cdp.segment.profile-url", () -> "http://127.0.0.1:" + segment.port());
        registry.add("cdp.segment.tracking-url", () -> "http://127.0.0.1:" + segment.port());
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return clock;
        }
    }

    @AfterAll
    static void stop() {
        segment.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    CircuitBreakerRegistry breakers;

    Http http;

    @BeforeEach
    void reset() {
        http = new Http(port);
        segment.resetAll();
        segment.stubFor(any(anyUrl()).atPriority(10).willReturn(answer(404,
                "{\"error\":{\"code\":\"not_found\",\"message\":\"Profile was not found.\"}}")));
        segment.stubFor(post(urlPathEqualTo("/v1/batch")).atPriority(5)
                .withHeader("Authorization", equalTo(basic(WRITE_KEY)))
                .willReturn(answer(200, "{\"success\":true}")));
        breakers.circuitBreaker("cdp-segment").reset();
    }

    @Test
    void anIvrResolveByPhoneAnswersTheUsualShapeWithTheSegmentProfile() {
        String phone = "phone_number:%2B15551230101";
        traits(phone, "{\"name\":\"Ada\",\"tier\":\"GOLD\",\"lifetime_value\":1500.25,\"preferred_channel\":\"sms\","
                + "\"sentiment_score\":0.8,\"recent_orders\":[{\"id\":\"ord-1\"},{\"id\":\"ord-2\"}]}");
        externalIds(phone, "usr_ada");

        HttpResponse<String> response = http.resolveJson("{\"identifier\":\"+15551230101\",\"channel\":\"voice\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(response);
        assertThat(body.path("status").asString()).isEqualTo("success");
        assertThat(body.path("cdp_user_id").asString()).isEqualTo("usr_ada");
        assertThat(body.path("match_type").asString()).isEqualTo("PHONE");
        assertThat(body.path("tier").asString()).isEqualTo("GOLD");
        assertThat(body.path("lifetime_value").decimalValue()).isEqualByComparingTo("1500.25");
        assertThat(body.path("preferred_channel").asString()).isEqualTo("sms");
        assertThat(body.path("recent_order_count").asInt()).isEqualTo(2);
        assertThat(body.path("profile_source").asString()).isEqualTo("FRESH");
        assertThat(body.has("traits") || body.has("external_ids")).as("no Segment shape leaks out").isFalse();
        assertThat(response.body()).doesNotContain(TOKEN);
    }

    @Test
    void aHouseholdPhoneIsSharedAndNeedsVerification() {
        String phone = "phone_number:%2B15551230102";
        traits(phone, "{\"name\":\"Ada\",\"household_user_ids\":[\"usr_ada2\",\"usr_bo\"]}");
        externalIds(phone, "usr_ada2");
        traits("user_id:usr_bo", "{\"name\":\"Bo\"}");

        JsonNode body = Http.json(http.resolveJson("{\"identifier\":\"+15551230102\"}"));

        assertThat(body.path("match_type").asString()).isEqualTo("PHONE_SHARED");
        assertThat(body.path("identity_status").asString()).isEqualTo("NEEDS_VERIFICATION");
        assertThat(body.path("candidate_count").asInt()).isEqualTo(2);
    }

    @Test
    void aPhoneSegmentDoesNotKnowIsAGuestAndNoBreakerFailure() {
        JsonNode body = Http.json(http.resolveJson("{\"identifier\":\"+15551230103\"}"));

        assertThat(body.path("status").asString()).isEqualTo("not_found");
        assertThat(body.path("identity_status").asString()).isEqualTo("GUEST");
        assertThat(breakers.circuitBreaker("cdp-segment").getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void aSegmentRateLimitGivesTheIvrADegradedAnswer() {
        segment.stubFor(get(urlPathEqualTo(PROFILES + "phone_number:%2B15551230104/traits")).atPriority(1)
                .willReturn(answer(429, "{\"error\":{\"code\":\"rate_limit_error\",\"message\":\"Too many\"}}")));

        HttpResponse<String> response = http.resolveJson("{\"identifier\":\"+15551230104\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).path("status").asString()).isEqualTo("degraded");
    }

    @Test
    void anOutcomeReachesSegmentAsABatchedTrackAfterTheSettleWindow() {
        String outcome = """
                {"conversationId":"conv-seg-1","userId":"usr_ada","interactionType":"voice","outcome":"Sale",
                 "duration":312,"agentId":"agent-7","timestamp":"2026-11-29T09:00:00Z"}""";
        OutcomeDeliveries outcomes = new OutcomeDeliveries(port, worker, clock);
        outcomes.track(outcome);

        outcomes.drain();
        assertThat(tracksFor("conv-seg-1")).as("nothing is sent while the outcome settles").isEmpty();

        outcomes.settleAndDrain();
        List<JsonNode> tracks = tracksFor("conv-seg-1");
        assertThat(tracks).singleElement().satisfies(track -> {
            assertThat(track.path("type").asString()).isEqualTo("track");
            assertThat(track.path("userId").asString()).isEqualTo("usr_ada");
            assertThat(track.path("event").asString()).isEqualTo("Interaction Completed");
            assertThat(track.path("messageId").asString()).startsWith("pb-").endsWith("-r1");
            assertThat(track.path("properties").path("disposition").asString()).isEqualTo("Sale");
        });
        assertThat(segment.findAll(postRequestedFor(urlPathEqualTo("/v1/batch"))))
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(basic(WRITE_KEY)));
    }

    List<JsonNode> tracksFor(String interactionId) {
        return segment.findAll(postRequestedFor(urlPathEqualTo("/v1/batch"))).stream()
                .map(LoggedRequest::getBodyAsString)
                .flatMap(body -> json.readTree(body).path("batch").valueStream())
                .filter(track -> interactionId.equals(track.path("properties").path("interactionId").asString()))
                .toList();
    }

    static void traits(String externalId, String traits) {
        segment.stubFor(get(urlPathEqualTo(PROFILES + externalId + "/traits")).atPriority(5)
                .withHeader("Authorization", equalTo(basic(TOKEN)))
                .willReturn(answer(200, "{\"traits\":" + traits + ",\"cursor\":{\"has_more\":false,\"next\":\"\"}}")));
    }

    static void externalIds(String externalId, String userId) {
        segment.stubFor(get(urlPathEqualTo(PROFILES + externalId + "/external_ids")).atPriority(5)
                .withHeader("Authorization", equalTo(basic(TOKEN)))
                .willReturn(answer(200, "{\"data\":[{\"source_id\":\"GFu4AJc2bE\",\"collection\":\"users\",\"id\":\""
                        + userId + "\",\"type\":\"user_id\",\"created_at\":\"2026-11-01T06:05:01Z\",\"encoding\":\"none\"}],"
                        + "\"cursor\":{\"has_more\":false,\"next\":\"\"}}")));
    }

    static ResponseDefinitionBuilder answer(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static String basic(String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((secret + ":").getBytes(StandardCharsets.UTF_8));
    }
}

package com.profilebridge.cdp.segment;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.profilebridge.cdp.segment.SegmentStub.basic;
import static com.profilebridge.cdp.segment.SegmentStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.profilebridge.cdp.CdpDelivery;
import com.profilebridge.cdp.CdpRejected;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.cdp.CdpUnavailable;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing against a WireMock Tracking API written from Segment's documentation (see
 * {@link SegmentStub}): it answers 200 to events Segment would drop, so only our own checks stand
 * between such an event and its silent loss.
 */
class SegmentTrackingTests {

    static final WireMockServer segment = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final JsonMapper json = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2026-11-29T09:05:00Z");

    static {
        segment.start();
    }

    final List<SegmentCdpClient> clients = new ArrayList<>();
    final SegmentSettings settings = new SegmentSettings("http://127.0.0.1:" + segment.port());

    @AfterAll
    static void stop() {
        segment.stop();
    }

    @BeforeEach
    void reset() {
        segment.resetAll();
        SegmentStub.defaults(segment, SegmentSettings.TOKEN);
    }

    @AfterEach
    void close() {
        clients.forEach(SegmentCdpClient::close);
    }

    SegmentCdpClient client() {
        SegmentCdpClient client = SegmentConfiguration.create(settings.build(), json, Clock.fixed(NOW, ZoneOffset.UTC),
                RateLimiterRegistry.ofDefaults(), BulkheadRegistry.ofDefaults());
        clients.add(client);
        return client;
    }

    static CdpTrackEvent event(String messageId, String userId) {
        return new CdpTrackEvent(messageId, userId, "Interaction Completed", Instant.parse("2026-11-29T09:00:00Z"),
                Map.of("disposition", "Sale", "interactionId", "conv-" + messageId, "revision", 1));
    }

    static List<CdpTrackEvent> events(int count) {
        return IntStream.range(0, count).mapToObj(i -> event("pb-m" + i + "-r1", "usr_" + i)).toList();
    }

    List<LoggedRequest> batches() {
        return segment.findAll(postRequestedFor(urlPathEqualTo("/v1/batch")));
    }

    static List<String> sentIds(List<LoggedRequest> requests) {
        List<String> ids = new ArrayList<>();
        for (LoggedRequest request : requests) {
            json.readTree(request.getBodyAsString()).path("batch").forEach(e -> ids.add(e.path("messageId").asString()));
        }
        return ids;
    }

    @Test
    void publishesOneBatchInSegmentsShapeWithTheWriteKey() {
        Map<String, CdpDelivery> results = client().publish(events(3));

        assertThat(results).hasSize(3).allSatisfy((id, result) -> assertThat(result).isEqualTo(CdpDelivery.delivered()));
        assertThat(batches()).singleElement().satisfies(request -> {
            assertThat(request.getHeader("Authorization")).isEqualTo(basic(SegmentSettings.WRITE_KEY));
            assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
            JsonNode body = json.readTree(request.getBodyAsString());
            assertThat(body.path("sentAt").asString()).isEqualTo(NOW.toString());
            JsonNode first = body.path("batch").get(0);
            assertThat(first.path("type").asString()).isEqualTo("track");
            assertThat(first.path("messageId").asString()).isEqualTo("pb-m0-r1");
            assertThat(first.path("userId").asString()).isEqualTo("usr_0");
            assertThat(first.path("event").asString()).isEqualTo("Interaction Completed");
            assertThat(first.path("timestamp").asString()).isEqualTo("2026-11-29T09:00:00Z");
            assertThat(first.path("properties").path("disposition").asString()).isEqualTo("Sale");
        });
    }

    @Test
    void refusesOnOurSideWhatSegmentWouldAcceptAndDropAndDeliversTheRest() {
        String huge = "x".repeat(SegmentTracking.MAX_EVENT_BYTES);
        List<CdpTrackEvent> events = List.of(
                event("pb-ok-1", "usr_1"),
                event("pb-no-user", " "),
                new CdpTrackEvent("pb-no-name", "usr_2", " ", NOW, Map.of()),
                new CdpTrackEvent("pb-huge", "usr_3", "Interaction Completed", NOW, Map.of("summary", huge)),
                event("p".repeat(100), "usr_4"),
                event("pb-ok-2", "usr_5"));

        Map<String, CdpDelivery> results = client().publish(events);

        assertThat(results.get("pb-ok-1")).isEqualTo(CdpDelivery.delivered());
        assertThat(results.get("pb-ok-2")).isEqualTo(CdpDelivery.delivered());
        assertThat(results.get("pb-no-user")).isInstanceOfSatisfying(CdpDelivery.Refused.class,
                r -> assertThat(r.reason()).contains("userId"));
        assertThat(results.get("pb-no-name")).isInstanceOf(CdpDelivery.Refused.class);
        assertThat(results.get("pb-huge")).isInstanceOfSatisfying(CdpDelivery.Refused.class,
                r -> assertThat(r.reason()).contains("bytes"));
        assertThat(results.get("p".repeat(100))).isInstanceOf(CdpDelivery.Refused.class);
        assertThat(sentIds(batches())).containsExactly("pb-ok-1", "pb-ok-2");
    }

    @Test
    void aBatchSegmentRefusesIsNarrowedDownToTheOneBadEvent() {
        segment.stubFor(post(urlPathEqualTo("/v1/batch")).atPriority(1).withRequestBody(containing("poison"))
                .willReturn(json(400, "{\"error\":\"Invalid JSON\"}")));
        List<CdpTrackEvent> events = new ArrayList<>(events(7));
        events.set(4, new CdpTrackEvent("pb-poison", "usr_x", "Interaction Completed", NOW, Map.of("note", "poison")));

        Map<String, CdpDelivery> results = client().publish(events);

        assertThat(results.get("pb-poison")).isInstanceOf(CdpDelivery.Refused.class);
        assertThat(results.entrySet()).filteredOn(e -> !e.getKey().equals("pb-poison"))
                .hasSize(6).allSatisfy(e -> assertThat(e.getValue()).isEqualTo(CdpDelivery.delivered()));
        assertThat(results.keySet()).as("results in the caller's order").containsExactlyElementsOf(
                events.stream().map(CdpTrackEvent::messageId).toList());
    }

    @Test
    void aRateLimitedBatchWaitsForItsRetryAfterAndTheBatchesAfterItAreNotSent() {
        settings.maxBatchEvents = 2;
        segment.stubFor(post(urlPathEqualTo("/v1/batch")).atPriority(1).willReturn(
                json(429, "{\"error\":\"Too Many Requests\"}").withHeader("Retry-After", "7")
                        .withHeader("X-RateLimit-Reset", "7")));

        Map<String, CdpDelivery> results = client().publish(events(5));

        assertThat(results.get("pb-m0-r1")).isEqualTo(new CdpDelivery.RetryLater("Segment rate limit: HTTP 429",
                Duration.ofSeconds(7)));
        assertThat(results.get("pb-m1-r1")).isInstanceOf(CdpDelivery.RetryLater.class);
        assertThat(List.of(results.get("pb-m2-r1"), results.get("pb-m3-r1"), results.get("pb-m4-r1")))
                .allSatisfy(r -> assertThat(r).isInstanceOf(CdpDelivery.NotSent.class));
        assertThat(batches()).hasSize(1);
    }

    @Test
    void aRateLimitWithOnlyXRateLimitResetWaitsThatLong() {
        segment.stubFor(post(urlPathEqualTo("/v1/batch")).atPriority(1).willReturn(
                json(429, "{\"error\":\"Too Many Requests\"}").withHeader("X-RateLimit-Reset", "12")));

        assertThat(client().publish(events(1)).get("pb-m0-r1")).isInstanceOfSatisfying(CdpDelivery.RetryLater.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(12)));
    }

    @Test
    void aRefusedWriteKeyFileIsReadAgainAndTheBatchSentOnceMore(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("write-key");
        Files.writeString(file, "wk-old\n");
        settings.writeKey = null;
        settings.writeKeyFile = file;
        // a source with a revoked key (OAuth-enforced sources answer 401 instead of dropping)
        segment.stubFor(post(urlPathEqualTo("/v1/batch")).atPriority(1)
                .withHeader("Authorization", equalTo(basic("wk-old")))
                .willReturn(json(401, "{\"error\":\"Unauthorized\"}")));
        SegmentCdpClient client = client();
        Files.writeString(file, "wk-new\n");

        assertThat(client.publish(events(2)).values()).containsOnly(CdpDelivery.delivered());
        assertThat(batches()).extracting(r -> r.getHeader("Authorization"))
                .containsExactly(basic("wk-old"), basic("wk-new"));
    }

    @Test
    void aRefusedWriteKeyThatCannotBeRefreshedIsRetriedLater() {
        segment.stubFor(post(urlPathEqualTo("/v1/batch")).atPriority(1).willReturn(json(401, "{}")));

        assertThat(client().publish(events(1)).get("pb-m0-r1")).isInstanceOfSatisfying(CdpDelivery.RetryLater.class,
                r -> assertThat(r.reason()).contains("write key").doesNotContain(SegmentSettings.WRITE_KEY));
        assertThat(batches()).hasSize(1);
    }

    @Test
    void serverErrorsAndTimeoutsAreRetriedLater() {
        segment.stubFor(post(urlPathEqualTo("/v1/batch")).atPriority(1).withRequestBody(containing("usr_0"))
                .willReturn(json(502, "")));
        assertThat(client().publish(events(1)).get("pb-m0-r1")).isInstanceOfSatisfying(CdpDelivery.RetryLater.class,
                r -> assertThat(r.retryAfter()).isNull());

        settings.publishTimeout = Duration.ofMillis(200);
        segment.stubFor(post(urlPathEqualTo("/v1/batch")).atPriority(1).withRequestBody(containing("usr_0"))
                .willReturn(json(200, "{\"success\":true}").withFixedDelay(1500)));
        assertThat(client().publish(events(1)).get("pb-m0-r1")).isInstanceOf(CdpDelivery.RetryLater.class);
    }

    @Test
    void splitsBatchesAtTheConfiguredEventCountAndAtSegments500Kilobytes() {
        settings.maxBatchEvents = 2;
        client().publish(events(5));
        assertThat(batches()).hasSize(3);
        assertThat(sentIds(batches())).hasSize(5).doesNotHaveDuplicates();

        segment.resetRequests();
        settings.maxBatchEvents = 2500;
        String big = "y".repeat(30_000);
        List<CdpTrackEvent> large = IntStream.range(0, 40)
                .mapToObj(i -> new CdpTrackEvent("pb-big-" + i, "usr_" + i, "Interaction Completed", NOW,
                        Map.of("summary", big)))
                .toList();
        Map<String, CdpDelivery> results = client().publish(large);

        assertThat(results.values()).allSatisfy(r -> assertThat(r).isEqualTo(CdpDelivery.delivered()));
        assertThat(batches()).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(r -> assertThat(r.getBody().length).isLessThanOrEqualTo(SegmentTracking.MAX_BATCH_BYTES));
        assertThat(sentIds(batches())).hasSize(40);
    }

    @Test
    void maxBatchEventsIsWhatTheWorkerHandsOver() {
        settings.maxBatchEvents = 250;
        assertThat(client().maxBatchEvents()).isEqualTo(250);
        settings.maxBatchEvents = 2501;
        assertThatThrownBy(this::client).hasMessageContaining("2500");
    }

    @Test
    void aSingleTrackThrowsTheTaxonomyTheCallerExpects() {
        SegmentCdpClient client = client();
        client.track(event("pb-single", "usr_1"));
        assertThat(sentIds(batches())).containsExactly("pb-single");

        assertThatThrownBy(() -> client.track(event("pb-nobody", ""))).isInstanceOf(CdpRejected.class);
        segment.stubFor(post(urlPathEqualTo("/v1/batch")).atPriority(1).willReturn(json(503, "")));
        assertThatThrownBy(() -> client.track(event("pb-later", "usr_1"))).isInstanceOf(CdpUnavailable.class);
    }
}

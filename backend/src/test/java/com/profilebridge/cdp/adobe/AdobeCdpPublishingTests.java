package com.profilebridge.cdp.adobe;

import com.profilebridge.testing.MovableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.profilebridge.cdp.adobe.AepStub.BATCH;
import static com.profilebridge.cdp.adobe.AepStub.TOKEN;
import static com.profilebridge.cdp.adobe.AepStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.profilebridge.cdp.CdpDelivery;
import com.profilebridge.cdp.CdpRejected;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.cdp.CdpUnavailable;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Outcomes through AEP's streaming batch endpoint, per message, against the documented answers. */
class AdobeCdpPublishingTests {

    static final AepStub aep = new AepStub();
    static final JsonMapper json = JsonMapper.builder().build();
    final MovableClock clock = new MovableClock(Instant.now());

    @AfterAll
    static void stop() {
        aep.server.stop();
    }

    @BeforeEach
    void reset() {
        aep.reset();
        aep.tokens(86399, "t1", "t2");
    }

    AdobeCdpClient client(String... overrides) {
        return AdobeCdpConfiguration.client(aep.properties(overrides), json, RestClient.builder(), clock,
                RateLimiterRegistry.ofDefaults(), BulkheadRegistry.ofDefaults());
    }

    static List<CdpTrackEvent> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> new CdpTrackEvent("pb-org-conv-" + i + "-r1", "crm-" + i,
                "Interaction Completed", Instant.parse("2026-11-29T09:00:00Z").plusSeconds(i),
                Map.of("interactionId", "conv-" + i, "disposition", "Sale", "revision", 1))).toList();
    }

    static String accepted(int n) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add("{\"xactionId\":\"1565650704337:2124:92:" + i + "\"}");
        }
        return "{\"inletId\":\"9b0cb233972f\",\"batchId\":\"1565638336649:1750:244\",\"receivedTimeMs\":1565638336705,"
                + "\"responses\":[" + String.join(",", items) + "]}";
    }

    List<JsonNode> sentBatches() {
        return aep.server.findAll(postRequestedFor(urlPathEqualTo(BATCH))).stream()
                .map(LoggedRequest::getBodyAsString).map(json::readTree).toList();
    }

    @Test
    void aBatchGoesOutAsXdmExperienceEventsInOneRequest() {
        aep.batch("t1", 1, AepStub.authenticated(post(urlPathEqualTo(BATCH)), "t1"), json(207, accepted(3)));

        Map<String, CdpDelivery> results = client().publish(events(3));

        assertThat(results.values()).containsOnly(CdpDelivery.delivered());
        List<JsonNode> batches = sentBatches();
        assertThat(batches).hasSize(1);
        JsonNode messages = batches.getFirst().path("messages");
        assertThat(messages).hasSize(3);
        JsonNode first = messages.get(0);
        assertThat(first.path("header").path("schemaRef").path("id").asString()).isEqualTo(AepStub.SCHEMA);
        assertThat(first.path("header").path("schemaRef").path("contentType").asString())
                .isEqualTo("application/vnd.adobe.xed-full+json;version=1");
        assertThat(first.path("header").path("imsOrgId").asString()).isEqualTo(AepStub.ORG);
        assertThat(first.path("header").path("datasetId").asString()).isEqualTo(AepStub.DATASET);
        JsonNode event = first.path("body").path("xdmEntity");
        assertThat(event.path("_id").asString()).as("the message id makes a resend harmless").isEqualTo("pb-org-conv-0-r1");
        assertThat(event.path("timestamp").asString()).isEqualTo("2026-11-29T09:00:00Z");
        assertThat(event.path("eventType").asString()).isEqualTo("Interaction Completed");
        assertThat(event.path("identityMap").path("CRMID").get(0).path("id").asString()).isEqualTo("crm-0");
        assertThat(event.path("identityMap").path("CRMID").get(0).path("primary").asBoolean()).isTrue();
        assertThat(event.path("_acme").path("interactionOutcome").path("disposition").asString()).isEqualTo("Sale");
        assertThat(first.path("body").path("xdmMeta").path("schemaRef").path("id").asString()).isEqualTo(AepStub.SCHEMA);
    }

    @Test
    void aMessageRefusedInThe207IsRefusedAloneAndTheOthersAreDelivered() {
        String partial = """
                {"inletId":"9b0cb233972f","batchId":"1565638336649:1750:244","receivedTimeMs":1565638336705,
                 "responses":[{"xactionId":"1565650704337:2124:92:3"},
                              {"statusCode":400,"message":"inletId: [9b0cb233972f] imsOrgId: [5C13@AdobeOrg] Message has unknown xdm format"},
                              {"xactionId":"1565650704337:2124:92:5"}]}""";
        aep.batch("t1", 1, AepStub.authenticated(post(urlPathEqualTo(BATCH)), "t1"), json(207, partial));
        List<CdpTrackEvent> events = events(3);

        Map<String, CdpDelivery> results = client().publish(events);

        assertThat(results.get(events.get(0).messageId())).isEqualTo(CdpDelivery.delivered());
        assertThat(results.get(events.get(1).messageId())).isInstanceOfSatisfying(CdpDelivery.Refused.class,
                r -> assertThat(r.reason()).contains("400", "unknown xdm format").doesNotContain("5C13@AdobeOrg"));
        assertThat(results.get(events.get(2).messageId())).isEqualTo(CdpDelivery.delivered());
        aep.server.verify(1, postRequestedFor(urlPathEqualTo(BATCH)));
    }

    @Test
    void a413IsSplitUntilTheOversizedMessageStandsAlone() {
        List<CdpTrackEvent> events = events(4);
        String poison = events.get(2).messageId();
        // AEP refuses any request holding the oversized message; the others go through
        aep.batch("t1", 1, post(urlPathEqualTo(BATCH)).withRequestBody(containing(poison)), json(413,
                "{\"message\":\"Payload too large\"}"));
        for (int n = 1; n <= 4; n++) {
            aep.batch("t1", 2, post(urlPathEqualTo(BATCH)).withRequestBody(
                    matchingJsonPath("$.messages.length()",
                            equalTo(String.valueOf(n)))),
                    json(207, accepted(n)));
        }

        Map<String, CdpDelivery> results = client().publish(events);

        assertThat(results.get(poison)).isInstanceOf(CdpDelivery.Refused.class);
        events.stream().filter(e -> !e.messageId().equals(poison))
                .forEach(e -> assertThat(results.get(e.messageId())).as(e.messageId()).isEqualTo(CdpDelivery.delivered()));
    }

    @Test
    void a429IsRetriedLaterForTheWholeBatchAndNothingIsRefused() {
        aep.batch("t1", 1, post(urlPathEqualTo(BATCH)), json(429, "{\"message\":\"Too many requests\"}"));

        Map<String, CdpDelivery> results = client().publish(events(3));

        assertThat(results.values()).allSatisfy(r -> assertThat(r).isInstanceOf(CdpDelivery.RetryLater.class));
    }

    @Test
    void a503CarriesItsRetryAfterAndTheRequestsAfterItAreNotSent() {
        aep.batch("t1", 1, post(urlPathEqualTo(BATCH)), json(503, "").withHeader("Retry-After", "7"));
        List<CdpTrackEvent> events = events(4);
        // room for two messages per request: the second request must not be tried after the 503
        int oneMessage = new XdmEvents(aep.properties(), json, clock).message(events.getFirst()).bytes().length;

        Map<String, CdpDelivery> results = client("cdp.adobe.events.max-batch-bytes=" + (2 * oneMessage + 40))
                .publish(events);

        assertThat(results.get(events.get(0).messageId())).isEqualTo(
                new CdpDelivery.RetryLater("AEP answered HTTP 503", Duration.ofSeconds(7)));
        assertThat(results.get(events.get(1).messageId())).isInstanceOf(CdpDelivery.RetryLater.class);
        assertThat(results.get(events.get(2).messageId())).isInstanceOf(CdpDelivery.NotSent.class);
        assertThat(results.get(events.get(3).messageId())).isInstanceOf(CdpDelivery.NotSent.class);
        aep.server.verify(1, postRequestedFor(urlPathEqualTo(BATCH)));
    }

    @Test
    void anInletRefusingTheTokenGetsOneRefreshAndTheBatchIsDelivered() {
        // the stub's default inlet answer is 401; only t2 is accepted
        aep.batch("t2", 1, AepStub.authenticated(post(urlPathEqualTo(BATCH)), "t2"), json(207, accepted(2)));

        Map<String, CdpDelivery> results = client().publish(events(2));

        assertThat(results.values()).containsOnly(CdpDelivery.delivered());
        aep.server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
        aep.server.verify(2, postRequestedFor(urlPathEqualTo(BATCH)));
    }

    @Test
    void credentialsRefusedEvenFreshAreRetriedLaterNeverDeadLettered() {
        Map<String, CdpDelivery> results = client().publish(events(2));

        assertThat(results.values()).allSatisfy(r -> assertThat(r).isInstanceOf(CdpDelivery.RetryLater.class));
        aep.server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
    }

    @Test
    void trackSendsOneEventAndTranslatesTheTaxonomy() {
        List<CdpTrackEvent> events = events(3);
        aep.batch("t1", 1, post(urlPathEqualTo(BATCH)).withRequestBody(containing(events.get(0).messageId())),
                json(207, accepted(1)));
        aep.batch("t1", 1, post(urlPathEqualTo(BATCH)).withRequestBody(containing(events.get(1).messageId())),
                json(400, "{\"message\":\"Message payload was missing required fields\"}"));
        aep.batch("t1", 1, post(urlPathEqualTo(BATCH)).withRequestBody(containing(events.get(2).messageId())),
                json(503, ""));
        AdobeCdpClient client = client();

        client.track(events.get(0));
        assertThatThrownBy(() -> client.track(events.get(1))).isInstanceOf(CdpRejected.class);
        assertThatThrownBy(() -> client.track(events.get(2))).isInstanceOf(CdpUnavailable.class);
    }

    @Test
    void startUpRefusesMissingSettingsNamingTheirEnvironmentVariables() {
        assertThatThrownBy(() -> AdobeCdpConfiguration.requireSettings(aep.properties(
                "cdp.adobe.sandbox-name=", "cdp.adobe.client-secret=", "cdp.adobe.events.connection-id=")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CDP_ADOBE_SANDBOXNAME")
                .hasMessageContaining("CDP_ADOBE_CLIENTSECRET")
                .hasMessageContaining("CDP_ADOBE_EVENTS_CONNECTIONID");
        assertThat(aep.properties().toString()).doesNotContain(AepStub.CLIENT_SECRET);
    }
}

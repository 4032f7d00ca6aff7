package com.profilebridge.outcome;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.identity.MatchType;
import com.profilebridge.support.Http;
import com.profilebridge.support.ScratchDatabase;
import com.profilebridge.testing.MovableClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outcome pipeline end to end on the real PostgreSQL: platform bodies in over HTTP, the outbox,
 * the delivery worker (driven round by round on an injected clock, so no test sleeps) and a
 * WireMock CDP speaking the generic HTTP contract ({@code POST /v1/interactions/track}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cdp.provider=http",
        "cdp.http.auth.type=api-key",
        "cdp.http.auth.api-key=cdp-test-key",
        "bridge.outcomes.delivery.enabled=false",
        "bridge.outcomes.delivery.max-attempts=3",
        "bridge.outcomes.settle-window=60s",
        "bridge.security.callers.signedgenesys.secrets=signed-caller-secret",
        "bridge.outcomes.webhooks.signedgenesys.secrets=" + OutcomePipelineTests.OLD_SECRET + ","
                + OutcomePipelineTests.NEW_SECRET,
        "bridge.outcomes.callers.signedgenesys.sources=genesys",
        "bridge.outcomes.retry-window=30s"})
@ActiveProfiles({"demo", "test"})
class OutcomePipelineTests {

    static final String OLD_SECRET = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String NEW_SECRET = "whsec_" + "c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24=";
    static final String OPS = "Basic " + Base64.getEncoder().encodeToString("ops-demo:demo-ops-secret".getBytes());
    static final String SIGNED = "Basic "
            + Base64.getEncoder().encodeToString("signed-genesys:signed-caller-secret".getBytes());
    static final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T09:00:00Z"));
    static final ScratchDatabase database = ScratchDatabase.create();
    static final WireMockServer cdp = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort().containerThreads(40));
    static final JsonMapper json = JsonMapper.builder().build();

    static {
        cdp.start();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
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

    @AfterAll
    static void stop() {
        cdp.stop();
        database.drop();
    }

    @LocalServerPort
    int port;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxHousekeeping housekeeping;

    @Autowired
    OutcomeMetrics metrics;

    @Autowired
    OutcomeProperties properties;

    @Autowired
    InteractionLinks links;

    @Autowired
    CdpClient cdpClient;

    @Autowired
    OutcomeOperations operations;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void cdpAccepts() {
        http = new Http(port);
        cdpAnswers(200);
        // whatever an earlier test left paused or due is out of the way
        clock.advance(Duration.ofMinutes(10));
        drain();
        cdp.resetRequests();
    }

    @Test
    void aGenesysWebhookOutcomeReachesTheCdpOnceAfterTheSettleWindow() {
        HttpResponse<String> answer = track(genesysBody("conv-basic", "cdp-0001", "Sale", "2026-11-29T09:00:00Z"));

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode body = Http.json(answer);
        assertThat(body.path("status").asString()).isEqualTo("accepted");
        assertThat(body.path("interaction_id").asString()).isEqualTo("conv-basic");
        assertThat(body.path("revision").asInt()).isEqualTo(1);

        drain();
        assertThat(pushesFor("conv-basic")).as("nothing is sent while the outcome settles").isEmpty();

        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        List<JsonNode> pushes = pushesFor("conv-basic");
        assertThat(pushes).hasSize(1);
        JsonNode push = pushes.getFirst();
        assertThat(push.path("userId").asString()).isEqualTo("cdp-0001");
        assertThat(push.path("event").asString()).isEqualTo("Interaction Completed");
        assertThat(push.path("timestamp").asString()).isEqualTo("2026-11-29T09:00:00Z");
        assertThat(push.path("properties").path("disposition").asString()).isEqualTo("Sale");
        assertThat(push.path("properties").path("agentId").asString()).isEqualTo("agent-7");
        assertThat(push.path("properties").path("duration").asInt()).isEqualTo(312);
        assertThat(push.path("messageId").asString()).startsWith("pb-").endsWith("-r1");
    }

    @Test
    void sameEventSentTenTimesConcurrentlyIsPushedOnce() throws Exception {
        String body = genesysBody("conv-tenfold", "cdp-0002", "Resolved", "2026-11-29T09:01:00Z");
        List<String> statuses = concurrently(10, i -> Http.json(track(body)).path("status").asString());

        assertThat(statuses).containsOnlyOnce("accepted");
        assertThat(statuses.stream().filter("duplicate"::equals).count()).isEqualTo(9);

        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        assertThat(pushesFor("conv-tenfold")).hasSize(1);
    }

    @Test
    void theLastDispositionByEventTimeWinsInEveryOneOfAHundredShuffledSequences() throws Exception {
        Random random = new Random(20261129);
        Instant start = Instant.parse("2026-11-29T08:00:00Z");
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String conversation = "conv-shuffle-" + i;
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
            Collections.shuffle(order, random);
            for (int k : order) {
                Instant at = start.plusSeconds(i * 60L + k * 7L);
                // Genesys detail events (the agent's wrap-up) and the guide's webhook body, interleaved
                String body = k % 2 == 0
                        ? acwEvent(conversation, "participant-" + k, "wrapup-" + k, at)
                        : genesysBody(conversation, "cdp-shuffle-" + i, "wrapup-" + k, at.toString());
                posts.add(() -> track(body).statusCode());
            }
        }
        // updates of one interaction arrive in shuffled order, several interactions at once
        List<Integer> codes = runAll(posts, 8);
        assertThat(codes).containsOnly(202);

        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        for (int i = 0; i < 100; i++) {
            List<JsonNode> pushes = pushesFor("conv-shuffle-" + i);
            assertThat(pushes).as("conversation %d", i).hasSize(1);
            assertThat(pushes.getFirst().path("properties").path("disposition").asString())
                    .as("conversation %d", i).isEqualTo("wrapup-4");
            assertThat(pushes.getFirst().path("userId").asString()).isEqualTo("cdp-shuffle-" + i);
        }
    }

    @Test
    void aDispositionChangedAfterThePushGoesOutAsACorrectionWithANewMessageId() {
        track(cxoneBody("contact-correct", "cdp-0003", "No Disposition", "2026-11-29T09:02:00Z"));
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();

        JsonNode answer = Http.json(track(cxoneBody("contact-correct", "cdp-0003", "Upsell", "2026-11-29T09:04:00Z")));
        assertThat(answer.path("revision").asInt()).isEqualTo(2);
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();

        List<JsonNode> pushes = pushesFor("contact-correct");
        assertThat(pushes).hasSize(2);
        JsonNode first = pushes.get(0);
        JsonNode correction = pushes.get(1);
        assertThat(correction.path("messageId").asString()).isNotEqualTo(first.path("messageId").asString())
                .endsWith("-r2");
        assertThat(correction.path("event").asString()).isEqualTo("Interaction Outcome Corrected");
        assertThat(correction.path("properties").path("revision").asInt()).isEqualTo(2);
        assertThat(correction.path("properties").path("correctsMessageId").asString())
                .isEqualTo(first.path("messageId").asString());
        assertThat(correction.path("properties").path("disposition").asString()).isEqualTo("Upsell");
    }

    @Test
    void aLateUpdateOlderThanWhatWasSentChangesNothing() {
        track(cxoneBody("contact-late", "cdp-0004", "Final", "2026-11-29T09:10:00Z"));
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();

        JsonNode answer = Http.json(track(cxoneBody("contact-late", "cdp-0004", "Draft", "2026-11-29T09:05:00Z")));
        assertThat(answer.path("status").asString()).isEqualTo("accepted");
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        assertThat(pushesFor("contact-late")).extracting(p -> p.path("properties").path("disposition").asString())
                .containsExactly("Final");
    }

    @Test
    void cdpDownOverAThousandOutcomesDeliversEveryOneExactlyOnceAfterRecovery() throws Exception {
        cdpAnswers(503);
        List<Callable<Integer>> posts = IntStream.range(0, 1000)
                .mapToObj(i -> (Callable<Integer>) () -> track(genesysBody("conv-outage-" + i, "cdp-outage-" + i,
                        "Resolved", "2026-11-29T09:00:00Z")).statusCode())
                .toList();
        assertThat(runAll(posts, 8)).containsOnly(202);

        // ten minutes of outage: the worker keeps trying, pausing after each failure
        clock.advance(properties.settleWindow().plusSeconds(1));
        for (int round = 0; round < 20; round++) {
            assertThat(worker.runOnce()).isZero();
            clock.advance(Duration.ofSeconds(30));
        }
        int attemptedDuringOutage = cdp.getAllServeEvents().size();
        assertThat(attemptedDuringOutage).as("one attempt per pause, not one per message").isBetween(1, 20);
        assertThat(outbox.stats(clock.instant()).backlog()).isEqualTo(1000);

        cdpAnswers(200);
        clock.advance(properties.delivery().backoffMax().plusSeconds(1));
        drain();

        List<LoggedRequest> delivered = cdp.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlEqualTo("/v1/interactions/track")));
        Map<String, Long> perMessage = delivered.stream()
                .collect(Collectors.groupingBy(r -> r.getHeader("Idempotency-Key"), Collectors.counting()));
        assertThat(perMessage).hasSize(1000);
        assertThat(perMessage.values()).containsOnly(1L);
        assertThat(delivered.stream().map(r -> body(r).path("userId").asString()).collect(Collectors.toSet()))
                .hasSize(1000);
        assertThat(outbox.stats(clock.instant()).backlog()).isZero();
        assertThat(outbox.stats(clock.instant()).deadLetters()).isZero();
    }

    @Test
    void aWorkerStoppedBetweenTheCdpAcceptingAndMarkingDoneLeavesItToBeResentWithTheSameMessageId() {
        track(genesysBody("conv-crash", "cdp-0005", "Sale", "2026-11-29T09:03:00Z"));
        clock.advance(properties.settleWindow().plusSeconds(1));
        CdpClient diesAfterSending = new DelegatingCdp(cdpClient) {
            @Override
            public void track(CdpTrackEvent event) {
                super.track(event);
                throw new WorkerKilled();
            }
        };
        DeliveryWorker doomed = new DeliveryWorker(outbox, diesAfterSending, properties, metrics, clock);

        try {
            doomed.runOnce("doomed-instance");
        } catch (WorkerKilled expected) {
            // the process died here: the CDP has the event, the outbox does not know
        }
        assertThat(pushesFor("conv-crash")).hasSize(1);
        drain();
        assertThat(pushesFor("conv-crash")).as("the lease still holds").hasSize(1);

        clock.advance(properties.delivery().lease().plusSeconds(1));
        drain();
        List<JsonNode> pushes = pushesFor("conv-crash");
        assertThat(pushes).hasSize(2);
        assertThat(pushes.get(1).path("messageId").asString()).isEqualTo(pushes.get(0).path("messageId").asString());
        assertThat(outbox.stats(clock.instant()).backlog()).isZero();
    }

    @Test
    void aNullUserIdWithoutALinkIsParkedAndSentOnceTheInteractionIsLinked() {
        JsonNode answer = Http.json(track(genesysBody("conv-orphan", "null", "Sale", "2026-11-29T09:05:00Z")));
        assertThat(answer.path("status").asString()).isEqualTo("unattributed");
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        assertThat(pushesFor("conv-orphan")).as("never pushed without a customer id").isEmpty();

        HttpResponse<String> parked = http.get("/v1/outcomes/unattributed", OPS);
        assertThat(parked.statusCode()).isEqualTo(200);
        assertThat(parked.body()).contains("conv-orphan");

        links.record(link("conv-orphan", "cdp-0006"));
        drain();
        List<JsonNode> pushes = pushesFor("conv-orphan");
        assertThat(pushes).hasSize(1);
        assertThat(pushes.getFirst().path("userId").asString()).isEqualTo("cdp-0006");
    }

    @Test
    void aParkedOutcomeAttributedByHandIsSentOnceWithThatCustomerAndNeverWithoutOne() {
        JsonNode answer = Http.json(track(genesysBody("conv-by-hand", "null", "Callback", "2026-11-29T09:05:30Z")));
        assertThat(answer.path("status").asString()).isEqualTo("unattributed");
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        assertThat(pushesFor("conv-by-hand")).isEmpty();
        String messageId = outbox.list(OutboxStatus.UNATTRIBUTED, 1000).stream()
                .filter(e -> e.interactionId().equals("conv-by-hand")).findFirst().orElseThrow().messageId();
        assertThat(operations.parked(messageId)).isPresent();

        assertThatThrownBy(() -> operations.attribute(messageId, "  ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(operations.parked(messageId)).as("a blank id changes nothing").isPresent();

        Optional<OutcomeAttributed> attributed = operations.attribute(messageId, "cdp-0010");
        assertThat(attributed).contains(new OutcomeAttributed("conv-by-hand", "cdp-0010", 1));
        assertThat(operations.parked(messageId)).isEmpty();
        assertThat(operations.attribute(messageId, "cdp-0011")).as("no longer parked").isEmpty();
        drain();
        assertThat(pushesFor("conv-by-hand")).extracting(p -> p.path("userId").asString()).containsExactly("cdp-0010");
        assertThat(operations.attribute("pb-no-such-message-r1", "cdp-0010")).isEmpty();
    }

    @Test
    void aMissingOrEmptyUserIdIsTakenFromTheInteractionLink() {
        links.record(link("conv-linked", "cdp-0007"));
        String body = """
                {"conversationId":"conv-linked","userId":"","interactionType":"voice","outcome":"Sale",
                 "timestamp":"2026-11-29T09:06:00Z"}""";
        assertThat(Http.json(track(body)).path("status").asString()).isEqualTo("accepted");
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        assertThat(pushesFor("conv-linked")).extracting(p -> p.path("userId").asString()).containsExactly("cdp-0007");
    }

    @Test
    void genesysDetailEventsRawAndInTheEventBridgeEnvelopeAreDedupedAndMerged() {
        links.record(link("conv-native", "cdp-0008"));
        Instant ended = Instant.parse("2026-11-29T09:07:00Z");
        String customerEnd = """
                {"topicName":"v2.detail.events.conversation.conv-native.customer.end","version":"2",
                 "eventBody":{"eventTime":%d,"conversationId":"conv-native","participantId":"customer-1",
                              "mediaType":"VOICE","ani":"tel:+15551000042","disconnectType":"peer"},
                 "metadata":{"CorrelationId":"c-1"},"timestamp":"2026-11-29T09:07:00.100Z"}"""
                .formatted(ended.toEpochMilli());
        String acw = acwEvent("conv-native", "agent-participant", "wrapup-sale", ended.plusSeconds(40));
        String envelope = """
                {"version":"0","id":"eb-7c2e","detail-type":"v2.detail.events.conversation.conv-native.acw",
                 "source":"aws.partner/genesys.com/cloud/org-1/profile-bridge","account":"1","time":"2026-11-29T09:07:41Z",
                 "region":"us-east-1","resources":[],"detail":%s}"""
                .formatted(acw.replace("\"eventTime\"", "\"ignored\":0,\"eventTime\""));

        assertThat(Http.json(track(customerEnd)).path("status").asString()).isEqualTo("accepted");
        assertThat(Http.json(track(envelope)).path("status").asString()).isEqualTo("accepted");
        assertThat(Http.json(track(envelope)).path("status").asString()).as("EventBridge retry").isEqualTo("duplicate");
        assertThat(Http.json(track(customerEnd)).path("status").asString()).isEqualTo("duplicate");

        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        List<JsonNode> pushes = pushesFor("conv-native");
        assertThat(pushes).hasSize(1);
        JsonNode props = pushes.getFirst().path("properties");
        assertThat(pushes.getFirst().path("userId").asString()).as("the detail event's userId is the agent")
                .isEqualTo("cdp-0008");
        assertThat(props.path("disposition").asString()).isEqualTo("wrapup-sale");
        assertThat(props.path("agentId").asString()).isEqualTo("agent-user-1");
        assertThat(props.path("disconnectType").asString()).isEqualTo("peer");
        assertThat(props.path("notes").asString()).doesNotContain("4111111111111111").contains("****1111");
        assertThat(props.has("ani")).as("the caller's number is not forwarded").isFalse();
    }

    @Test
    void aProcessAutomationWorkflowBodyIsTakenAsARawAcwEvent() {
        links.record(link("conv-workflow", "cdp-0016"));
        // what embed/genesys/outcome-integration.md's data action posts: the trigger's primitives
        String body = """
                {"conversationId":"conv-workflow","participantId":"agent-p","eventTime":1795917000000,
                 "userId":"agent-user-9","wrapupCode":"wrapup-refund","wrapupNotes":"ok","wrapupDurationMs":9000}""";
        assertThat(Http.json(track(body)).path("status").asString()).isEqualTo("accepted");
        assertThat(Http.json(track(body)).path("status").asString()).isEqualTo("duplicate");
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        JsonNode push = pushesFor("conv-workflow").getFirst();
        assertThat(push.path("userId").asString()).isEqualTo("cdp-0016");
        assertThat(push.path("properties").path("agentId").asString()).isEqualTo("agent-user-9");
        assertThat(push.path("properties").path("disposition").asString()).isEqualTo("wrapup-refund");
        assertThat(push.path("timestamp").asString()).isEqualTo(Instant.ofEpochMilli(1795917000000L).toString());
    }

    @Test
    void aCxoneStudioPostUnderTheFormContentTypeIsAccepted() {
        String singleLine = "{\"contactId\":\"contact-form\",\"userId\":\"cdp-0009\",\"disposition\":\"Callback\","
                + "\"summary\":\"Customer wants a callback\",\"workItem\":\"wi-1\",\"skill\":\"billing\"}";
        HttpResponse<String> answer = http.post("/v1/interactions/track", "application/x-www-form-urlencoded",
                singleLine, Http.DEMO_CALLER);
        assertThat(answer.statusCode()).isEqualTo(202);
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        JsonNode push = pushesFor("contact-form").getFirst();
        assertThat(push.path("properties").path("disposition").asString()).isEqualTo("Callback");
        assertThat(push.path("properties").path("skill").asString()).as("an allowlisted property").isEqualTo("billing");
        assertThat(push.path("properties").path("workItem").asString()).isEqualTo("wi-1");
    }

    @Test
    void badBodiesAreProblemDetailsAndLoseNothingAcceptedBefore() {
        assertThat(track(genesysBody("conv-kept", "cdp-0010", "Sale", "2026-11-29T09:08:00Z")).statusCode())
                .isEqualTo(202);

        HttpResponse<String> malformed = track("{\"conversationId\": \"conv-kept\", ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        HttpResponse<String> noIds = track("{\"outcome\":\"Sale\",\"userId\":\"null\"}");
        assertThat(noIds.statusCode()).isEqualTo(400);
        assertThat(Http.json(noIds).path("type").asString()).endsWith("/missing-interaction-id");
        HttpResponse<String> badTime = track(genesysBody("conv-kept", "cdp-0010", "Sale", "yesterday"));
        assertThat(badTime.statusCode()).isEqualTo(400);
        HttpResponse<String> oversize = track("{\"conversationId\":\"conv-kept\",\"summary\":\"" + "x".repeat(33 * 1024)
                + "\"}");
        assertThat(oversize.statusCode()).isEqualTo(413);
        assertThat(track("[1,2]").statusCode()).isEqualTo(400);

        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        assertThat(pushesFor("conv-kept")).extracting(p -> p.path("properties").path("disposition").asString())
                .containsExactly("Sale");
    }

    @Test
    void operationsNeedTheOperatorRole() {
        assertThat(http.get("/v1/outcomes/dead-letters", Http.DEMO_CALLER).statusCode()).isEqualTo(403);
        assertThat(http.get("/v1/outcomes/dead-letters").statusCode()).isEqualTo(401);
        assertThat(http.get("/v1/outcomes/dead-letters", OPS).statusCode()).isEqualTo(200);
        assertThat(http.post("/v1/interactions/track", "application/json",
                genesysBody("conv-ops", "cdp-1", "x", "2026-11-29T09:00:00Z"), OPS).statusCode()).isEqualTo(403);
    }

    @Test
    void aRefusedEventIsADeadLetterWithItsErrorAndAReplayDeliversIt() {
        cdp.resetAll();
        cdp.stubFor(post(urlEqualTo("/v1/interactions/track")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"bad event\"}")));
        track(genesysBody("conv-dead", "cdp-0011", "Sale", "2026-11-29T09:09:00Z"));
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();

        HttpResponse<String> dead = http.get("/v1/outcomes/dead-letters", OPS);
        JsonNode entry = findEntry(Http.json(dead), "conv-dead");
        assertThat(entry.path("lastError").asString()).contains("HTTP 400");
        assertThat(entry.path("attempts").asInt()).isEqualTo(1);

        cdpAnswers(200);
        HttpResponse<String> replay = http.post("/v1/outcomes/dead-letters/" + entry.path("messageId").asString()
                + "/replay", "application/json", "", OPS);
        assertThat(replay.statusCode()).isEqualTo(200);
        drain();
        assertThat(pushesFor("conv-dead")).hasSize(1);
        assertThat(findEntryOrNull(Http.json(http.get("/v1/outcomes/dead-letters", OPS)), "conv-dead")).isNull();
        assertThat(http.post("/v1/outcomes/dead-letters/pb-unknown-r1/replay", "application/json", "", OPS)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aDeliveredMessageCanNeitherBeReplayedNorDeadLetteredEvenByAWorkerStillHoldingALease() {
        track(genesysBody("conv-final", "cdp-0030", "Sale", "2026-11-29T09:14:00Z"));
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        OutboxEntry delivered = entry(OutboxStatus.DELIVERED, "conv-final");
        // a worker whose round overlapped the delivery still finds its name on the row
        jdbc.sql("UPDATE outbox_message SET lease_owner = 'late-worker', lease_until = :until WHERE message_id = :id")
                .param("until", Timestamp.from(clock.instant().plus(Duration.ofMinutes(5))))
                .param("id", delivered.messageId())
                .update();
        Outbox.Claimed late = claimed(delivered);

        assertThat(outbox.deadLetter(late, "late-worker", "refused after all")).isZero();
        assertThat(outbox.retryLater(late, "late-worker", clock.instant(), "timed out")).isZero();
        assertThat(outbox.replay(delivered.messageId(), clock.instant())).isEmpty();
        assertThat(http.post("/v1/outcomes/dead-letters/" + delivered.messageId() + "/replay", "application/json", "",
                OPS).statusCode()).isEqualTo(404);

        OutboxEntry after = entry(OutboxStatus.DELIVERED, "conv-final");
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(after.lastError()).isNull();
        drain();
        assertThat(pushesFor("conv-final")).hasSize(1);
    }

    @Test
    void anUpdateIsNotFoldedIntoASettlingRevisionThatAWorkerClaimedMeanwhile() {
        track(genesysBody("conv-fold-race", "cdp-0035", "Draft", "2026-11-29T09:17:00Z"));
        String organisation = jdbc.sql("SELECT organisation FROM outbox_message WHERE interaction_id = 'conv-fold-race'")
                .query(String.class).single();
        Outbox.Latest read = outbox.latest(organisation, "conv-fold-race").orElseThrow();
        assertThat(read.isOpen(clock.instant())).as("intake would fold into it").isTrue();

        // between intake's read and its write, the settle window ends and a worker claims the revision
        clock.advance(properties.settleWindow().plusSeconds(1));
        List<Outbox.Claimed> claimed = outbox.claim("racing-worker", 1000, clock.instant(),
                clock.instant().plus(properties.delivery().lease()));
        assertThat(claimed).extracting(Outbox.Claimed::interactionId).contains("conv-fold-race");

        assertThat(outbox.fold(read, "{\"disposition\":\"Final\"}", "cdp-0035", clock.instant(), clock.instant(),
                clock.instant())).as("not folded: the worker may be sending it").isEmpty();
        outbox.release(claimed, "racing-worker");
        drain();
        assertThat(pushesFor("conv-fold-race")).extracting(p -> p.path("properties").path("disposition").asString())
                .containsExactly("Draft");
    }

    @Test
    void aDeadLetterIsRequeuedOnceWithFreshAttemptsAndThenDelivered() {
        cdpAnswers(400);
        track(genesysBody("conv-requeue", "cdp-0031", "Sale", "2026-11-29T09:15:00Z"));
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        OutboxEntry dead = entry(OutboxStatus.DEAD, "conv-requeue");
        assertThat(dead.attempts()).isEqualTo(1);

        List<OutboxEntry> requeued = operations.replay(dead.messageId(), "test-operator", AuditTrail.CONSOLE);
        assertThat(requeued).extracting(OutboxEntry::messageId, OutboxEntry::status)
                .containsExactly(tuple(dead.messageId(), OutboxStatus.DEAD));
        assertThat(entry(OutboxStatus.PENDING, "conv-requeue").attempts()).as("fresh attempts").isZero();
        assertThat(operations.replay(dead.messageId(), "test-operator", AuditTrail.CONSOLE))
                .as("no longer a dead letter").isEmpty();

        cdpAnswers(200);
        drain();
        assertThat(entry(OutboxStatus.DELIVERED, "conv-requeue").messageId()).isEqualTo(dead.messageId());
        assertThat(replayAudits("conv-requeue")).as("the one replay that requeued something")
                .containsExactly(new ReplayAudit("test-operator", "cdp-0031", AuditTrail.CONSOLE));
    }

    @Test
    void replaysThroughTheOperatorApiAreAuditedWithTheCallersName() {
        cdpAnswers(400);
        track(genesysBody("conv-audit-one", "cdp-0032", "Sale", "2026-11-29T09:16:00Z"));
        track(genesysBody("conv-audit-all-1", "cdp-0033", "Sale", "2026-11-29T09:16:00Z"));
        track(genesysBody("conv-audit-all-2", "cdp-0034", "Sale", "2026-11-29T09:16:00Z"));
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        cdpAnswers(200);

        HttpResponse<String> one = http.post("/v1/outcomes/dead-letters/" + entry(OutboxStatus.DEAD, "conv-audit-one")
                .messageId() + "/replay", "application/json", "", OPS);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(Http.json(one).path("requeued").asInt()).isEqualTo(1);
        // the caller is opsdemo (HTTP Basic user ops-demo), its channel the integration API
        assertThat(replayAudits("conv-audit-one")).containsExactly(new ReplayAudit("opsdemo", "cdp-0032", "api"));
        assertThat(replayAudits("conv-audit-all-1")).isEmpty();

        int recordedBefore = replayAuditsBy("opsdemo");
        HttpResponse<String> all = http.post("/v1/outcomes/dead-letters/replay", "application/json", "", OPS);
        assertThat(all.statusCode()).isEqualTo(200);
        int requeued = Http.json(all).path("requeued").asInt();
        assertThat(requeued).isGreaterThanOrEqualTo(2);
        assertThat(replayAuditsBy("opsdemo")).as("one record per requeued message").isEqualTo(recordedBefore + requeued);
        assertThat(replayAudits("conv-audit-all-1")).containsExactly(new ReplayAudit("opsdemo", "cdp-0033", "api"));
        assertThat(replayAudits("conv-audit-all-2")).containsExactly(new ReplayAudit("opsdemo", "cdp-0034", "api"));
        assertThat(replayAudits("conv-audit-one")).as("no longer dead: not replayed again").hasSize(1);

        drain();
        assertThat(pushesFor("conv-audit-all-1")).hasSize(1);
    }

    @Test
    void aReplayOfAnUnknownDeadLetterAnswers404AndRecordsNothing() {
        int recordsBefore = jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Integer.class).single();

        HttpResponse<String> unknown = http.post("/v1/outcomes/dead-letters/pb-no-such-letter-r1/replay",
                "application/json", "", OPS);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).path("type").asString()).endsWith("/no-such-dead-letter");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Integer.class).single()).isEqualTo(recordsBefore);
    }

    @Test
    void anOutageLongerThanTheAttemptsMovesTheEventToDeadLettersWithTheLastError() {
        cdpAnswers(503);
        track(genesysBody("conv-exhausted", "cdp-0012", "Sale", "2026-11-29T09:09:30Z"));
        clock.advance(properties.settleWindow().plusSeconds(1));
        for (int attempt = 0; attempt < properties.delivery().maxAttempts(); attempt++) {
            worker.runOnce();
            clock.advance(properties.delivery().backoffMax().plusSeconds(1));
        }
        JsonNode entry = findEntry(Http.json(http.get("/v1/outcomes/dead-letters", OPS)), "conv-exhausted");
        assertThat(entry.path("attempts").asInt()).isEqualTo(properties.delivery().maxAttempts());
        assertThat(entry.path("lastError").asString()).contains("503");
    }

    @Test
    void a429RetryAfterIsHonoured() {
        cdp.resetAll();
        cdp.stubFor(post(urlEqualTo("/v1/interactions/track"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        track(genesysBody("conv-429", "cdp-0013", "Sale", "2026-11-29T09:10:00Z"));
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        assertThat(pushesFor("conv-429")).hasSize(1);

        cdpAnswers(200);
        clock.advance(Duration.ofSeconds(100));
        drain();
        assertThat(pushesFor("conv-429")).as("still inside Retry-After").isEmpty();
        clock.advance(Duration.ofSeconds(21));
        drain();
        assertThat(pushesFor("conv-429")).hasSize(1);
    }

    @Test
    void aSourceWithSigningSecretsMustSignAndEitherRotatedSecretIsAccepted() {
        String body = genesysBody("conv-signed", "cdp-0014", "Sale", "2026-11-29T09:11:00Z");
        long now = clock.instant().getEpochSecond();

        assertThat(signedTrack(body, "msg-1", now, null).statusCode()).as("unsigned").isEqualTo(401);
        assertThat(signedTrack(body, "msg-1", now, sign(OLD_SECRET, "msg-1", now, body + " ")).statusCode())
                .as("signature over other bytes").isEqualTo(401);
        assertThat(signedTrack(body, "msg-1", now - 301, sign(OLD_SECRET, "msg-1", now - 301, body)).statusCode())
                .as("outside the 5-minute tolerance").isEqualTo(401);
        HttpResponse<String> accepted = signedTrack(body, "msg-1", now,
                "v1,bm90LXRoaXMtb25l " + sign(NEW_SECRET, "msg-1", now, body));
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(Http.json(signedTrack(body, "msg-1", now, sign(OLD_SECRET, "msg-1", now, body))).path("status")
                .asString()).as("the webhook id is the event's own id").isEqualTo("duplicate");
    }

    @Test
    void dedupeKeysOutliveEventBridgesFourDayRetriesAndArePurgedAfterTheRetention() {
        String body = genesysBody("conv-retention", "cdp-0017", "Sale", "2026-11-29T09:13:00Z");
        track(body);
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();

        clock.advance(Duration.ofDays(4).plusHours(1));
        housekeeping.run();
        assertThat(Http.json(track(body)).path("status").asString()).as("a retry on day 4").isEqualTo("duplicate");

        clock.advance(properties.dedupeRetention());
        housekeeping.run();
        assertThat(outbox.list(OutboxStatus.DELIVERED, 100_000)).extracting(OutboxEntry::interactionId)
                .doesNotContain("conv-retention");
        assertThat(pushesFor("conv-retention")).hasSize(1);
    }

    @Test
    void metricsCountIntakeDedupeAndDeliveries() {
        String body = genesysBody("conv-metrics", "cdp-0015", "Sale", "2026-11-29T09:12:00Z");
        track(body);
        track(body);
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        housekeeping.run();
        String scrape = http.get("/actuator/prometheus").body();
        assertThat(scrape).contains("outcomes_intake_total{", "status=\"duplicate\"", "status=\"accepted\"");
        assertThat(scrape).contains("outcomes_deliveries_total{", "outcomes_outbox_backlog",
                "outcomes_outbox_oldest_age_seconds", "outcomes_unattributed", "outcomes_dead_letters");
    }

    @Test
    void theSameDispositionChosenAgainAfterAnotherWinsForBodiesWithoutAnIdOrATime() {
        String a = "{\"contactId\":\"contact-aba\",\"userId\":\"cdp-0020\",\"disposition\":\"A\"}";
        String b = "{\"contactId\":\"contact-aba\",\"userId\":\"cdp-0020\",\"disposition\":\"B\"}";

        assertThat(Http.json(track(a)).path("status").asString()).isEqualTo("accepted");
        assertThat(Http.json(track(a)).path("status").asString()).as("CXone's retry at once").isEqualTo("duplicate");
        clock.advance(Duration.ofSeconds(20));
        assertThat(Http.json(track(b)).path("status").asString()).isEqualTo("accepted");
        clock.advance(Duration.ofSeconds(20));
        assertThat(Http.json(track(a)).path("status").asString()).as("A again after B: a new update")
                .isEqualTo("accepted");

        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        assertThat(pushesFor("contact-aba")).extracting(p -> p.path("properties").path("disposition").asString())
                .containsExactly("A");
    }

    @Test
    void theSameBodyAgainAfterTheRetryWindowIsANewUpdateNotADuplicate() {
        String a = "{\"contactId\":\"contact-window\",\"userId\":\"cdp-0021\",\"disposition\":\"A\"}";
        track(a);
        clock.advance(properties.retryWindow().plusSeconds(1));
        assertThat(Http.json(track(a)).path("status").asString()).isEqualTo("accepted");
    }

    @Test
    void anotherCallersEventCannotSuppressASignedEventNorChangeItsOutcome() {
        String attack = eventBridge("eb-shared-1", "conv-scoped", "attacker-code");
        String genuine = eventBridge("eb-shared-1", "conv-scoped", "genuine-code");
        long now = clock.instant().getEpochSecond();

        assertThat(Http.json(track(attack)).path("status").asString()).as("the other caller's own (unlinked) outcome")
                .isEqualTo("unattributed");
        HttpResponse<String> signed = signedTrack(genuine, "msg-scoped-1", now, sign(NEW_SECRET, "msg-scoped-1", now, genuine));
        assertThat(signed.statusCode()).isEqualTo(202);
        assertThat(Http.json(signed).path("status").asString()).as("not a duplicate of the other caller's event")
                .isIn("accepted", "unattributed");

        links.record(new InteractionLink("conv-scoped", "cdp-0022", 0.97, MatchType.EMAIL_AND_PHONE, "genesys",
                clock.instant(), "signedgenesys", "signedgenesys"));
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        List<JsonNode> pushes = pushesFor("conv-scoped");
        assertThat(pushes).hasSize(1);
        assertThat(pushes.getFirst().path("userId").asString()).isEqualTo("cdp-0022");
        assertThat(pushes.getFirst().path("properties").path("disposition").asString()).isEqualTo("genuine-code");
    }

    @Test
    void aLinkOfAnotherOrganisationDoesNotAttributeThisCallersOutcome() {
        links.record(new InteractionLink("conv-foreign-link", "cdp-0023", 0.97, MatchType.EMAIL_AND_PHONE, "genesys",
                clock.instant(), "signedgenesys", "signedgenesys"));
        JsonNode answer = Http.json(track(genesysBody("conv-foreign-link", "null", "Sale", "2026-11-29T09:00:00Z")));
        assertThat(answer.path("status").asString()).isEqualTo("unattributed");
    }

    @Test
    void aCallerMaySendOnlyTheSourcesConfiguredForIt() {
        String cxone = cxoneBody("contact-wrong-source", "cdp-0024", "Sale", "2026-11-29T09:00:00Z");
        long now = clock.instant().getEpochSecond();
        HttpResponse<String> refused = signedTrack(cxone, "msg-src-1", now, sign(OLD_SECRET, "msg-src-1", now, cxone));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.json(refused).path("type").asString()).endsWith("/source-not-allowed");
    }

    @Test
    void outOfRangeInputIsAProblemDetailAndNothingIsStored() {
        String body = genesysBody("conv-range", "cdp-0025", "Sale", "2026-11-29T09:00:00Z");
        HttpResponse<String> hugeTimestamp = http.post("/v1/interactions/track", "application/json", body,
                Http.DEMO_CALLER, Map.of("webhook-id", "msg-range", "webhook-timestamp", "99999999999999999"));
        assertThat(hugeTimestamp.statusCode()).isEqualTo(400);
        assertThat(hugeTimestamp.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));

        String longId = "c".repeat(200);
        HttpResponse<String> tooLong = track(genesysBody(longId, "cdp-0025", "Sale", "2026-11-29T09:00:00Z"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Http.json(tooLong).path("type").asString()).endsWith("/invalid-interaction-id");
        assertThat(tooLong.body()).doesNotContain(longId);

        HttpResponse<String> farFuture = track(genesysBody("conv-range", "cdp-0025", "Sale", "+292278994-08-17T07:12:55Z"));
        assertThat(farFuture.statusCode()).isEqualTo(400);
        assertThat(track(genesysBody("conv-range", "u" + "x".repeat(300), "Sale", "2026-11-29T09:00:00Z")).statusCode())
                .isEqualTo(400);

        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        assertThat(pushesFor("conv-range")).isEmpty();
        assertThat(outbox.list(OutboxStatus.PENDING, 100_000)).extracting(OutboxEntry::interactionId)
                .doesNotContain("conv-range", longId);
    }

    @Test
    void onlyAllowlistedPropertiesAreStoredAndSent() {
        String body = """
                {"contactId":"contact-allowlist","userId":"cdp-0026","disposition":"Callback","skill":"billing",
                 "summary":"Paid with 4111 1111 1111 1111","ANI":"+15551000042","callerNumber":"+15551000042",
                 "addressFrom":"tel:+15551000042","addressTo":"tel:+18005550100","callbackNumbers":["+15551000042"],
                 "timestamp":"2026-11-29T09:00:00Z"}""";
        assertThat(track(body).statusCode()).isEqualTo(202);
        clock.advance(properties.settleWindow().plusSeconds(1));
        drain();
        JsonNode sent = pushesFor("contact-allowlist").getFirst().path("properties");
        assertThat(sent.has("ANI") || sent.has("callerNumber") || sent.has("addressFrom") || sent.has("addressTo")
                || sent.has("callbackNumbers")).isFalse();
        assertThat(sent.path("disposition").asString()).isEqualTo("Callback");
        assertThat(sent.path("summary").asString()).doesNotContain("4111 1111 1111 1111");
        assertThat(pushesFor("contact-allowlist").getFirst().toString()).doesNotContain("15551000042");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A link recorded by the demo IVR caller, the one these tests post outcomes as. */
    InteractionLink link(String interactionId, String userId) {
        return new InteractionLink(interactionId, userId, 0.97, MatchType.EMAIL_AND_PHONE, "genesys", clock.instant(),
                "ivrdemo", "ivrdemo");
    }

    static String eventBridge(String id, String conversationId, String wrapupCode) {
        return """
                {"version":"0","id":"%s","detail-type":"v2.detail.events.conversation.%s.acw","source":"aws.partner/genesys",
                 "time":"2026-11-29T09:07:41Z","detail":{"topicName":"v2.detail.events.conversation.%s.acw",
                 "eventBody":{"eventTime":%d,"conversationId":"%s","participantId":"agent-p","userId":"agent-1",
                              "wrapupCode":"%s"}}}"""
                .formatted(id, conversationId, conversationId, Instant.parse("2026-11-29T09:07:40Z").toEpochMilli(),
                        conversationId, wrapupCode);
    }

    HttpResponse<String> track(String body) {
        return http.post("/v1/interactions/track", "application/json", body, Http.DEMO_CALLER);
    }

    HttpResponse<String> signedTrack(String body, String id, long timestamp, String signature) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        if (signature != null) {
            headers.put("webhook-signature", signature);
        }
        return http.post("/v1/interactions/track", "application/json", body, SIGNED, headers);
    }

    static String sign(String secret, String id, long timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] mac = WebhookSignatures.hmac(key, (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    static String genesysBody(String conversationId, String userId, String outcome, String timestamp) {
        return """
                {"conversationId":"%s","userId":"%s","interactionType":"voice","outcome":"%s","duration":312,
                 "agentId":"agent-7","timestamp":"%s"}""".formatted(conversationId, userId, outcome, timestamp);
    }

    static String cxoneBody(String contactId, String userId, String disposition, String timestamp) {
        return """
                {"contactId":"%s","userId":"%s","disposition":"%s","summary":"Paid with 4111 1111 1111 1111",
                 "workItem":"wi-9","timestamp":"%s"}""".formatted(contactId, userId, disposition, timestamp);
    }

    static String acwEvent(String conversationId, String participantId, String wrapupCode, Instant at) {
        return """
                {"topicName":"v2.detail.events.conversation.%s.acw","version":"2",
                 "eventBody":{"eventTime":%d,"conversationId":"%s","participantId":"%s","sessionId":"s-1",
                              "mediaType":"VOICE","provider":"Edge","direction":"INBOUND","ani":"tel:+15551000042",
                              "dnis":"tel:+18005550100","userId":"agent-user-1","queueId":"queue-1",
                              "wrapupCode":"%s","wrapupNotes":"card 4111111111111111 refunded","wrapupDurationMs":15000},
                 "metadata":{"CorrelationId":"corr-%s"},"timestamp":"%s"}"""
                .formatted(conversationId, at.toEpochMilli(), conversationId, participantId, wrapupCode, participantId, at);
    }

    OutboxEntry entry(OutboxStatus status, String interactionId) {
        return outbox.list(status, 100_000).stream().filter(e -> e.interactionId().equals(interactionId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + status + " message of " + interactionId));
    }

    /** The message as a worker that claimed it would hold it. */
    Outbox.Claimed claimed(OutboxEntry entry) {
        long id = jdbc.sql("SELECT id FROM outbox_message WHERE message_id = :id").param("id", entry.messageId())
                .query(Long.class).single();
        return new Outbox.Claimed(id, entry.messageId(), "", entry.interactionId(), entry.revision(),
                entry.cdpUserId(), entry.event(), entry.eventTime(), Map.of(), entry.attempts());
    }

    record ReplayAudit(String actor, String customer, String channel) {}

    List<ReplayAudit> replayAudits(String interactionId) {
        return jdbc.sql("""
                        SELECT actor, cdp_user_id, channel FROM audit_event
                         WHERE action = :action AND interaction_id = :interaction ORDER BY id""")
                .param("action", OutcomeOperations.OUTCOME_REPLAYED)
                .param("interaction", interactionId)
                .query((rs, n) -> new ReplayAudit(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    int replayAuditsBy(String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :action AND actor = :actor")
                .param("action", OutcomeOperations.OUTCOME_REPLAYED)
                .param("actor", actor)
                .query(Integer.class)
                .single();
    }

    /** From now on the CDP stub answers every track call with this status (and has seen no request). */
    void cdpAnswers(int status) {
        cdp.resetAll();
        cdp.stubFor(post(urlEqualTo("/v1/interactions/track")).willReturn(aResponse().withStatus(status)));
    }

    /** Rounds until nothing due is left (bounded). */
    void drain() {
        for (int round = 0; round < 100; round++) {
            if (worker.runOnce() == 0) {
                return;
            }
        }
    }

    List<JsonNode> pushesFor(String interactionId) {
        return cdp.findAll(com.github.tomakehurst.wiremock.client.WireMock
                        .postRequestedFor(urlEqualTo("/v1/interactions/track"))).stream()
                .map(OutcomePipelineTests::body)
                .filter(b -> interactionId.equals(b.path("properties").path("interactionId").asString()))
                .sorted(java.util.Comparator.comparingInt(b -> b.path("properties").path("revision").asInt()))
                .toList();
    }

    static JsonNode body(LoggedRequest request) {
        return json.readTree(request.getBodyAsString());
    }

    static JsonNode findEntry(JsonNode list, String interactionId) {
        JsonNode found = findEntryOrNull(list, interactionId);
        assertThat(found).as("an entry for %s in %s", interactionId, list).isNotNull();
        return found;
    }

    static JsonNode findEntryOrNull(JsonNode list, String interactionId) {
        for (JsonNode entry : list) {
            if (interactionId.equals(entry.path("interactionId").asString())) {
                return entry;
            }
        }
        return null;
    }

    static <T> List<T> concurrently(int n, Function<Integer, T> task) throws Exception {
        List<Callable<T>> calls = IntStream.range(0, n).mapToObj(i -> (Callable<T>) () -> task.apply(i)).toList();
        return runAll(calls, n);
    }

    static <T> List<T> runAll(List<Callable<T>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static final class WorkerKilled extends Error {
        WorkerKilled() {
            super("worker killed between the CDP's 2xx and marking the message done", null, false, false);
        }
    }

    /** A CDP client that forwards to the real one; tests override what they need. */
    static class DelegatingCdp implements CdpClient {
        private final CdpClient delegate;

        DelegatingCdp(CdpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public CdpMatches lookup(CdpIdentifier identifier) {
            return delegate.lookup(identifier);
        }

        @Override
        public Optional<CdpProfile> profile(String userId) {
            return delegate.profile(userId);
        }

        @Override
        public void track(CdpTrackEvent event) {
            delegate.track(event);
        }

        @Override
        public boolean ping() {
            return delegate.ping();
        }
    }
}

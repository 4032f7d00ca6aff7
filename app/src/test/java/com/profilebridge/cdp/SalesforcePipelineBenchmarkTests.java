package com.profilebridge.cdp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import com.profilebridge.support.MutableClock;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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
 * Throughput of the outcome pipeline with the Salesforce adapter against a local Ingestion API stub:
 * outbox (H2), delivery worker and adapter, 200 records per request. Runs only with
 * {@code -Dbench=salesforce}; the figures are in docs/cdp/salesforce.md.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cdp.provider=salesforce",
        "cdp.salesforce.tenant-scheme=http",
        "cdp.salesforce.auth.client-id=3MVG9-consumer-key",
        "cdp.salesforce.auth.client-secret=consumer-secret",
        "cdp.salesforce.ingest.connector=profile_bridge",
        "cdp.salesforce.lookup.link-object=UnifiedLinkssotIndividualIr01__dlm",
        "bridge.outcomes.delivery.enabled=false",
        "bridge.outcomes.settle-window=60s", "bridge.outcomes.delivery.batch-size=200", "cdp.salesforce.limits.ingest-requests-per-second=100000"})
@ActiveProfiles({"demo", "test"})
@EnabledIfSystemProperty(named = "bench", matches = "salesforce")
class SalesforcePipelineBenchmarkTests {

    static final String PHONE = "+15551234567";
    static final String INGEST = "/api/v1/ingest/sources/profile_bridge/interaction_outcome";
    static final JsonMapper json = JsonMapper.builder().build();
    static final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    static final WireMockServer salesforce = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    static {
        salesforce.start();
        stubSalesforce();
    }

    @DynamicPropertySource
    static void salesforceUrl(DynamicPropertyRegistry registry) {
        registry.add("cdp.salesforce.login-url", () -> "http://127.0.0.1:" + salesforce.port());
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
        salesforce.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    CdpClient cdp;

    @Autowired
    DeliveryWorker worker;

    @Test
    void outcomesFlowThroughTheOutboxToTheIngestionStub() throws Exception {
        Http http = new Http(port);
        int n = Integer.getInteger("probe.n", 5000);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        long t0 = System.nanoTime();
        List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = """
                {"conversationId":"conv-p-%d","userId":"uid-1","interactionType":"voice","outcome":"Sale",
                 "duration":312,"agentId":"agent-7","timestamp":"2026-12-01T09:00:00Z"}""".formatted(i);
            fs.add(pool.submit(() -> http.post("/v1/interactions/track", "application/json", body, Http.DEMO_CALLER)));
        }
        for (var f : fs) f.get();
        long t1 = System.nanoTime();
        clock.advance(Duration.ofSeconds(61));
        int delivered = 0;
        long t2 = System.nanoTime();
        for (int round = 0; round < 10000; round++) { int d = worker.runOnce(); if (d == 0) break; delivered += d; }
        long t3 = System.nanoTime();
        int requests = salesforce.findAll(postRequestedFor(urlPathEqualTo(INGEST))).size();
        // adapter alone: prepare + envelope + send of 200-record chunks
        List<CdpTrackEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) events.add(new CdpTrackEvent("m-" + i, "uid-1", "Interaction Completed", Instant.parse("2026-12-01T09:00:00Z"), java.util.Map.of("interactionId", "c-" + i, "revision", 1, "agentId", "agent-7", "outcome", "Sale", "duration", 312)));
        for (int w = 0; w < 20; w++) cdp.publish(events);
        long t4 = System.nanoTime();
        for (int w = 0; w < 100; w++) cdp.publish(events);
        long t5 = System.nanoTime();
        System.out.printf("BENCH salesforce n=%d ingestHttp=%.0f ev/s drain delivered=%d in %.0f ms = %.0f ev/s, requests=%d; adapter alone 20000 ev in %.0f ms = %.0f ev/s, %.1f us/ev%n",
                n, n / ((t1 - t0) / 1e9), delivered, (t3 - t2) / 1e6, delivered / ((t3 - t2) / 1e9), requests,
                (t5 - t4) / 1e6, 20000 / ((t5 - t4) / 1e9), (t5 - t4) / 1e3 / 20000);
        pool.shutdown();
        assertThat(delivered).isEqualTo(n);
        assertThat(requests).isEqualTo((n + 199) / 200);
    }

    void drain() {
        for (int round = 0; round < 20 && worker.runOnce() > 0; round++) {
            // until a round delivers nothing
        }
    }

    static List<JsonNode> ingested(String interactionId) {
        return salesforce.findAll(postRequestedFor(urlPathEqualTo(INGEST))).stream()
                .flatMap(r -> StreamSupport.stream(json.readTree(r.getBodyAsString()).path("data").spliterator(), false))
                .filter(record -> interactionId.equals(record.path("interaction_id").asString()))
                .toList();
    }

    static void stubSalesforce() {
        String base = "http://127.0.0.1:" + salesforce.port();
        salesforce.stubFor(post(urlPathEqualTo("/services/oauth2/token"))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .willReturn(okJson("{\"access_token\":\"00Dxx0000001gPL!core-token\",\"instance_url\":\"" + base
                        + "\",\"token_type\":\"Bearer\",\"issued_at\":\"1764579600000\",\"signature\":\"c2ln\"}")));
        salesforce.stubFor(post(urlPathEqualTo("/services/a360/token"))
                .withFormParam("grant_type", equalTo("urn:salesforce:grant-type:external:cdp"))
                .withFormParam("subject_token", equalTo("00Dxx0000001gPL!core-token"))
                .willReturn(okJson("{\"access_token\":\"dc-token-1\",\"instance_url\":\"127.0.0.1:" + salesforce.port()
                        + "\",\"token_type\":\"Bearer\",\"issued_token_type\":\"urn:ietf:params:oauth:token-type:jwt\","
                        + "\"expires_in\":7199}")));
        salesforce.stubFor(get(urlPathEqualTo("/api/v1/profile/ssot__ContactPointPhone__dlm"))
                .withQueryParam("filters", equalTo("[ssot__FormattedE164PhoneNumber__c=" + PHONE + "]"))
                .willReturn(okJson("{\"data\":[{\"ssot__PartyId__c\":\"ind-1\"}],\"done\":true}")));
        salesforce.stubFor(get(urlPathEqualTo("/api/v1/profile/UnifiedLinkssotIndividualIr01__dlm"))
                .withQueryParam("filters", equalTo("[SourceRecordId__c=ind-1]"))
                .willReturn(okJson("{\"data\":[{\"UnifiedRecordId__c\":\"uid-1\"}],\"done\":true}")));
        salesforce.stubFor(get(urlPathEqualTo("/api/v1/profile/UnifiedIndividual__dlm/uid-1"))
                .willReturn(okJson("{\"data\":[{\"ssot__Id__c\":\"uid-1\",\"ssot__FirstName__c\":\"Ana\","
                        + "\"ssot__LastName__c\":\"Silva\",\"Tier__c\":\"Gold\",\"LifetimeValue__c\":1234.5,"
                        + "\"PreferredChannel__c\":\"sms\",\"SentimentScore__c\":0.4}],\"done\":true}")));
        salesforce.stubFor(get(urlPathEqualTo("/api/v1/profile/metadata/UnifiedIndividual__dlm"))
                .willReturn(okJson("{\"metadata\":[]}")));
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"accepted\":true}")));
    }

    static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}

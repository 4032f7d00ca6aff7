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
import com.profilebridge.support.OutcomeDeliveries;
import com.profilebridge.testing.MovableClock;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
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
 * With {@code cdp.provider=salesforce} nothing changes for the IVR and the outcome flow: a resolve by
 * phone answers the usual JSON with the Data Cloud profile, and an outcome reaches the Ingestion API
 * in its {@code {"data":[...]}} format once the settle window has passed. The stub plays the
 * Salesforce token endpoint, the Data Cloud token exchange (bare-host tenant), the Profile API and the
 * Ingestion API as the Data Cloud developer guide documents them (see SalesforceCdpClientTests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cdp.provider=salesforce",
        "cdp.salesforce.tenant-scheme=http",
        "cdp.salesforce.auth.client-id=3MVG9-consumer-key",
        "cdp.salesforce.auth.client-secret=consumer-secret",
        "cdp.salesforce.ingest.connector=profile_bridge",
        "cdp.salesforce.lookup.link-object=UnifiedLinkssotIndividualIr01__dlm",
        "bridge.outcomes.delivery.enabled=false",
        "bridge.outcomes.settle-window=60s"})
@ActiveProfiles({"demo", "test"})
class SalesforceProviderTests {

    static final String PHONE = "+15551234567";
    static final String INGEST = "/api/v1/ingest/sources/profile_bridge/interaction_outcome";
    static final JsonMapper json = JsonMapper.builder().build();
    static final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T09:00:00Z"));
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
    void theSalesforceAdapterIsTheCdp() {
        assertThat(cdp.name()).isEqualTo("salesforce");
    }

    @Test
    void anIvrResolveByPhoneAnswersTheUsualShapeWithTheDataCloudProfile() {
        HttpResponse<String> response = new Http(port).resolveJson("{\"identifier\":\"" + PHONE + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = Http.json(response);
        assertThat(answer.path("status").asString()).isEqualTo("success");
        assertThat(answer.path("cdp_user_id").asString()).isEqualTo("uid-1");
        assertThat(answer.path("tier").asString()).isEqualTo("Gold");
        assertThat(answer.path("lifetime_value").decimalValue()).isEqualByComparingTo("1234.5");
        assertThat(answer.path("preferred_channel").asString()).isEqualTo("sms");
        assertThat(answer.path("candidate_count").asInt()).isEqualTo(1);
        assertThat(answer.path("profile").path("cdp_user_id").asString()).isEqualTo("uid-1");
        assertThat(answer.has("confidence_score")).isTrue();
    }

    @Test
    void anOutcomeReachesTheIngestionApiAfterTheSettleWindow() {
        String body = """
                {"conversationId":"conv-sf-1","userId":"uid-1","interactionType":"voice","outcome":"Sale",
                 "duration":312,"agentId":"agent-7","timestamp":"2026-12-01T09:00:00Z"}""";
        OutcomeDeliveries outcomes = new OutcomeDeliveries(port, worker, clock);
        outcomes.track(body);
        outcomes.drain();
        assertThat(ingested("conv-sf-1")).as("nothing is sent while the outcome settles").isEmpty();

        outcomes.settleAndDrain();

        List<JsonNode> records = ingested("conv-sf-1");
        assertThat(records).hasSize(1);
        JsonNode record = records.getFirst();
        assertThat(record.path("individual_id").asString()).isEqualTo("uid-1");
        assertThat(record.path("event_time").asString()).isEqualTo("2026-12-01T09:00:00Z");
        assertThat(record.path("agent_id").asString()).isEqualTo("agent-7");
        assertThat(record.path("message_id").asString()).startsWith("pb-").endsWith("-r1");
        assertThat(record.has("notes")).as("every schema field is present").isTrue();
        LoggedRequest request = salesforce.findAll(postRequestedFor(urlPathEqualTo(INGEST))).getFirst();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer dc-token-1");
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

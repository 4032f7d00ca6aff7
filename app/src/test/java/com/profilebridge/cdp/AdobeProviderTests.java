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
import com.profilebridge.outcome.DeliveryWorker;
import com.profilebridge.support.Http;
import com.profilebridge.support.OutcomeDeliveries;
import com.profilebridge.testing.MovableClock;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * With {@code cdp.provider=adobe} nothing changes for the callers: the IVR resolve answers the
 * same shape with the AEP profile, and an outcome reaches AEP's streaming batch endpoint as an XDM
 * ExperienceEvent after the settle window. One WireMock plays IMS, the Platform gateway and the inlet.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cdp.provider=adobe",
        "cdp.adobe.client-id=" + AdobeProviderTests.CLIENT_ID,
        "cdp.adobe.client-secret=" + AdobeProviderTests.CLIENT_SECRET,
        "cdp.adobe.org-id=" + AdobeProviderTests.ORG,
        "cdp.adobe.sandbox-name=contact-center-dev",
        "cdp.adobe.tenant-id=acme",
        "cdp.adobe.events.connection-id=" + AdobeProviderTests.CONNECTION,
        "cdp.adobe.events.dataset-id=5da9452f7de80400007jc52a",
        "cdp.adobe.events.schema-id=https://ns.adobe.com/acme/schemas/4a2b",
        "bridge.outcomes.delivery.enabled=false"})
@ActiveProfiles({"demo", "test"})
class AdobeProviderTests {

    static final String CLIENT_ID = "aep-client-1f2e";
    static final String CLIENT_SECRET = "p8e-aep-secret-app-77";
    static final String ORG = "5C1328435BF324E90A49402A@AdobeOrg";
    static final String CONNECTION = "9b0cb233972f3b0092992284c7353f5e";
    static final MovableClock clock = new MovableClock(Instant.now());
    static final WireMockServer aep = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final JsonMapper json = JsonMapper.builder().build();

    static {
        aep.start();
        // https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation
        aep.stubFor(post(urlPathEqualTo("/ims/token/v3")).withFormParam("client_secret", equalTo(CLIENT_SECRET))
                .willReturn(body(200, "{\"access_token\":\"ims-token-1\",\"token_type\":\"bearer\",\"expires_in\":86399}")));
        // https://experienceleague.adobe.com/en/docs/experience-platform/profile/api/entities
        aep.stubFor(get(urlPathEqualTo("/data/core/ups/access/entities"))
                .withQueryParam("entityId", equalTo("+15551230042"))
                .withQueryParam("entityIdNS", equalTo("Phone_E.164"))
                .withHeader("Authorization", equalTo("Bearer ims-token-1"))
                .withHeader("x-sandbox-name", equalTo("contact-center-dev"))
                .willReturn(body(200, """
                        {"BVrqzwVv7o2p3naHvnsWpqZXv3KJgA":{"entityId":"BVrqzwVv7o2p3naHvnsWpqZXv3KJgA",
                          "sources":["1000000000"],
                          "entity":{"identities":[{"id":"crm-00042","namespace":{"code":"CRMID"},"primary":true},
                                                  {"id":"+15551230042","namespace":{"code":"Phone_E.164"}}],
                                    "person":{"name":{"firstName":"Jane","lastName":"Doe"}},
                                    "loyalty":{"tier":"PLATINUM"},
                                    "consents":{"marketing":{"preferred":"email"}},
                                    "_acme":{"lifetimeValue":5120.75,"sentimentScore":0.4}},
                          "lastModifiedAt":"2026-11-20T10:15:30Z"}}""")));
        // https://experienceleague.adobe.com/en/docs/experience-platform/ingestion/tutorials/streaming-multiple-messages
        aep.stubFor(post(urlPathEqualTo("/collection/batch/" + CONNECTION))
                .withHeader("Authorization", equalTo("Bearer ims-token-1"))
                .willReturn(body(207, "{\"inletId\":\"9b0cb233972f\",\"batchId\":\"1565638336649:1750:244\","
                        + "\"receivedTimeMs\":1565638336705,\"responses\":[{\"xactionId\":\"1565650704337:2124:92:3\"}]}")));
    }

    @DynamicPropertySource
    static void aepUrls(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + aep.port();
        registry.add("cdp.adobe.ims-url", () -> url);
        registry.add("cdp.adobe.platform-url", () -> url);
        registry.add("cdp.adobe.inlet-url", () -> url);
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
        aep.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    CdpClient cdp;

    @Test
    void anIvrResolveByPhoneAnswersTheUsualShapeWithTheAepProfile() {
        HttpResponse<String> response = new Http(port).resolveJson("{\"identifier\":\"+15551230042\"}");

        assertThat(cdp.name()).isEqualTo("adobe");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(response);
        assertThat(body.path("status").asString()).isEqualTo("success");
        assertThat(body.path("cdp_user_id").asString()).isEqualTo("crm-00042");
        assertThat(body.path("match_type").asString()).isEqualTo("PHONE");
        assertThat(body.path("identity_status").asString()).isEqualTo("NEEDS_VERIFICATION");
        assertThat(body.path("tier").asString()).isEqualTo("PLATINUM");
        assertThat(body.path("lifetime_value").decimalValue()).isEqualByComparingTo("5120.75");
        assertThat(body.path("preferred_channel").asString()).isEqualTo("email");
        assertThat(body.path("profile_source").asString()).isEqualTo("FRESH");
        assertThat(body.path("profile").path("cdp_user_id").asString()).isEqualTo("crm-00042");
        assertThat(response.body()).doesNotContain(CLIENT_SECRET, "ims-token-1");
    }

    @Test
    void anOutcomeReachesTheAepInletAsAnExperienceEventAfterTheSettleWindow() {
        String outcome = """
                {"conversationId":"conv-aep-1","userId":"crm-00042","interactionType":"voice","outcome":"Sale",
                 "duration":312,"agentId":"agent-7","timestamp":"%s"}""".formatted(clock.instant());
        OutcomeDeliveries outcomes = new OutcomeDeliveries(port, worker, clock);
        outcomes.track(outcome);

        outcomes.drain();
        assertThat(batches()).as("nothing is sent while the outcome settles").isEmpty();

        outcomes.settleAndDrain();
        List<JsonNode> batches = batches();
        assertThat(batches).hasSize(1);
        JsonNode event = batches.getFirst().path("messages").get(0).path("body").path("xdmEntity");
        assertThat(event.path("_id").asString()).startsWith("pb-").endsWith("-r1");
        assertThat(event.path("identityMap").path("CRMID").get(0).path("id").asString()).isEqualTo("crm-00042");
        assertThat(event.path("_acme").path("interactionOutcome").path("disposition").asString()).isEqualTo("Sale");
        assertThat(event.path("_acme").path("interactionOutcome").path("interactionId").asString()).isEqualTo("conv-aep-1");
    }

    private static List<JsonNode> batches() {
        return aep.findAll(postRequestedFor(urlPathEqualTo("/collection/batch/" + CONNECTION))).stream()
                .map(r -> json.readTree(r.getBodyAsString())).toList();
    }

    private static ResponseDefinitionBuilder body(int status, String json) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(json);
    }
}

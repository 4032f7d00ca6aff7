package com.profilebridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.support.Http;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The embedded default keeps working with least privilege switched on: the demo platforms answer the
 * participant check's calls in the vendors' shapes (Genesys {@code GET /api/v2/conversations/{id}};
 * CXone {@code .well-known/cxone-configuration}, {@code contacts/active}, {@code contacts/completed}),
 * and their call routing gives a call the IVR linked to the first demo agent who asks about it. So the
 * demo desktop's flow (place a call, the IVR links it, the agent opens it) shows the customer, and a
 * colleague opening the same interaction is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bridge.agent.access=linked-only")
@ActiveProfiles({"demo", "test"})
class DemoParticipantCheckTests {

    @LocalServerPort
    int port;

    @Test
    void onTheDemoGenesysTheAgentWhoOpensTheCallSeesItsCustomerAndAColleagueIsRefused() {
        String conversation = placeCall("conversationId");
        String ada = token("genesys", "ada");
        String grace = token("genesys", "grace");

        HttpResponse<String> shown = byInteraction(conversation, genesys(ada));
        HttpResponse<String> refused = byInteraction(conversation, genesys(grace));

        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(Http.json(shown).path("cdp_user_id").asString()).isEqualTo("usr_00042");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.json(refused).path("type").asString()).endsWith("/not-a-participant");
    }

    @Test
    void theDemoGenesysAnswersTheConversationInTheDocumentedShapeAndRefusesLikeGenesys() {
        String conversation = placeCall("conversationId");
        String ada = token("genesys", "ada");

        JsonNode body = Http.json(http().get("/__demo/genesys/api/v2/conversations/" + conversation, "Bearer " + ada));
        assertThat(body.path("id").asString()).isEqualTo(conversation);
        JsonNode participants = body.path("participants");
        assertThat(List.of(participants.get(0).path("purpose").asString(), participants.get(1).path("purpose").asString(),
                participants.get(2).path("purpose").asString())).containsExactly("customer", "ivr", "agent");
        assertThat(body.path("participants").get(2).path("userId").asString())
                .isEqualTo("0a7d1e00-0000-4000-8000-0000000000a1");

        assertThat(http().get("/__demo/genesys/api/v2/conversations/never-linked-" + UUID.randomUUID(), "Bearer " + ada)
                .statusCode()).isEqualTo(404);
        assertThat(http().get("/__demo/genesys/api/v2/conversations/" + conversation, "Bearer forged-token-1234")
                .statusCode()).isEqualTo(401);
    }

    @Test
    void onTheDemoCxoneTheAgentWhoseDesktopAsksFirstGetsTheWaitingCall() {
        String contact = placeCall("contactId");
        String grace = token("cxone", "grace");
        String ada = token("cxone", "ada");

        HttpResponse<String> shown = byInteraction(contact, Map.of("Authorization", "Bearer " + grace));
        HttpResponse<String> refused = byInteraction(contact, Map.of("Authorization", "Bearer " + ada));

        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.json(refused).path("detail").asString()).startsWith("NICE CXone says you are not on this");
    }

    @Test
    void theDemoCxoneListsOnlyTheAskingAgentsOwnContacts() {
        String grace = token("cxone", "grace");
        String configuration = "/__demo/cxone/.well-known/cxone-configuration?tenantId=11ef0000-de30-4000-8000-000000000001";
        String api = Http.json(http().get(configuration)).path("api_endpoint").asString();
        assertThat(api).isEqualTo("http://127.0.0.1:" + port + "/__demo/cxone/api");

        String path = "/__demo/cxone/api/incontactapi/services/v27.0/contacts/active?agentId=";
        assertThat(http().get(path + "100000", "Bearer " + grace).statusCode()).as("Ada's list").isEqualTo(403);
        assertThat(http().get(path + "100001", "Bearer not-a-jwt").statusCode()).isEqualTo(401);
        assertThat(http().get("/__demo/cxone/api/incontactapi/services/v27.0/contacts/completed?agentId=100001",
                "Bearer " + grace).statusCode()).isEqualTo(204);
    }

    /** The demo desktop's IVR step: resolve with the interaction id, which links the caller. */
    private String placeCall(String field) {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> resolved = http().resolveJson("{\"identifier\":\"+1 (555) 100-0042\",\"channel\":\"voice\","
                + "\"" + field + "\":\"" + id + "\"}");
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(Http.json(resolved).path("cdp_user_id").asString()).isEqualTo("usr_00042");
        return id;
    }

    private String token(String platform, String agent) {
        return Http.json(http().postForm("/__demo/" + platform + "/token", "agent=" + agent)).path("access_token")
                .asString();
    }

    private static Map<String, String> genesys(String token) {
        return Map.of("Authorization", "Bearer " + token, "X-Agent-Platform", "genesys",
                "X-Genesys-Environment", "localhost");
    }

    private HttpResponse<String> byInteraction(String interaction, Map<String, String> headers) {
        return http().get("/api/proxy/cdp/profile?interactionId=" + interaction, headers);
    }

    private Http http() {
        return new Http(port);
    }
}

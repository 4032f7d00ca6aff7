package com.profilebridge.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profilebridge.support.Http;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The embedded default's demo identity endpoints issue tokens that the real validators accept, over
 * real HTTP on the server's own (random) port: the demo runs the production code paths.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class DemoIdentityEndpointsTests {

    static final String DEMO_ORGANIZATION = "5e1f0c2a-7d3b-4c8e-9a61-0d3e0de30001";
    static final String DEMO_TENANT = "11ef0000-de30-4000-8000-000000000001";

    @LocalServerPort
    int port;

    @Autowired
    AgentTokens tokens;


    @Test
    void aDemoGenesysTokenPassesTheRealGenesysValidation() {
        JsonNode issued = issue("genesys", "ada");
        assertThat(issued.path("environment").asString()).isEqualTo("localhost");

        AgentIdentity agent = tokens.validate(AgentPlatform.GENESYS, issued.path("access_token").asString(),
                issued.path("environment").asString());

        assertThat(agent.agentName()).isEqualTo("Ada Lovelace");
        assertThat(agent.organizationId()).isEqualTo(DEMO_ORGANIZATION);
    }

    @Test
    void aDemoCxoneTokenPassesTheRealJwtValidationAgainstTheDemoIssuer() {
        JsonNode issued = issue("cxone", "grace");
        assertThat(issued.path("issuer").asString()).isEqualTo("http://127.0.0.1:" + port + "/__demo/cxone");

        AgentIdentity agent = tokens.validate(AgentPlatform.CXONE, issued.path("access_token").asString(), null);

        assertThat(agent.agentName()).isEqualTo("Grace Hopper");
        assertThat(agent.organizationId()).isEqualTo(DEMO_TENANT);
    }

    @Test
    void theDemoOutsiderIsTurnedAwayByTheOrganisationAndTenantAllowlists() {
        String genesysToken = issue("genesys", "outsider").path("access_token").asString();
        String cxoneToken = issue("cxone", "outsider").path("access_token").asString();

        assertThatThrownBy(() -> tokens.validate(AgentPlatform.GENESYS, genesysToken, "localhost"))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("organisation");
        assertThatThrownBy(() -> tokens.validate(AgentPlatform.CXONE, cxoneToken, null))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("tenant");
    }

    @Test
    void aTokenTheDemoNeverIssuedIsRefusedLikeGenesysWould() {
        HttpResponse<String> tokenInfo = http().get("/__demo/genesys/api/v2/tokens/me", "Bearer never-issued-token-123");

        assertThat(tokenInfo.statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> tokens.validate(AgentPlatform.GENESYS, "never-issued-token-123", "localhost"))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("expired or was revoked");
    }

    @Test
    void anUnknownDemoAgentGetsNoToken() {
        HttpResponse<String> response = http().postForm("/__demo/cxone/token", "agent=mallory");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void theDemoJwksPublishesNoPrivateKey() {
        JsonNode keys = Http.json(http().get("/__demo/cxone/jwks")).path("keys");

        assertThat(keys.size()).isEqualTo(1);
        assertThat(keys.get(0).path("kty").asString()).isEqualTo("RSA");
        assertThat(keys.get(0).has("d")).isFalse();
        assertThat(keys.get(0).has("p")).isFalse();
    }

    @Test
    void aDemoTokenOpensTheProfileProxyWithMaskedDemoData() {
        String token = issue("genesys", "ada").path("access_token").asString();

        HttpResponse<String> response = http().get("/api/proxy/cdp/profile/usr_00042", Map.of(
                "Authorization", "Bearer " + token, "X-Agent-Platform", "genesys", "X-Genesys-Environment", "localhost"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode profile = Http.json(response).path("profile");
        assertThat(profile.path("cdp_user_id").asString()).isEqualTo("usr_00042");
        assertThat(profile.path("attributes").path("ssn").asString()).startsWith("***-**-");
        assertThat(profile.path("attributes").path("credit_card_number").asString()).startsWith("**** ");
    }

    private JsonNode issue(String platform, String agent) {
        HttpResponse<String> response = http().postForm("/__demo/" + platform + "/token", "agent=" + agent);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private Http http() {
        return new Http(port);
    }
}

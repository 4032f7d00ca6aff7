package com.profilebridge.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final JsonMapper json = JsonMapper.builder().build();

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
        HttpResponse<String> tokenInfo = send(HttpRequest.newBuilder(uri("/__demo/genesys/api/v2/tokens/me"))
                .header("Authorization", "Bearer never-issued-token-123").build());

        assertThat(tokenInfo.statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> tokens.validate(AgentPlatform.GENESYS, "never-issued-token-123", "localhost"))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("expired or was revoked");
    }

    @Test
    void anUnknownDemoAgentGetsNoToken() {
        HttpResponse<String> response = post("/__demo/cxone/token", "agent=mallory");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void theDemoJwksPublishesNoPrivateKey() {
        JsonNode keys = json.readTree(send(HttpRequest.newBuilder(uri("/__demo/cxone/jwks")).build()).body()).path("keys");

        assertThat(keys.size()).isEqualTo(1);
        assertThat(keys.get(0).path("kty").asString()).isEqualTo("RSA");
        assertThat(keys.get(0).has("d")).isFalse();
        assertThat(keys.get(0).has("p")).isFalse();
    }

    @Test
    void aDemoTokenOpensTheProfileProxyWithMaskedDemoData() {
        String token = issue("genesys", "ada").path("access_token").asString();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/proxy/cdp/profile/usr_00042"))
                .header("Authorization", "Bearer " + token)
                .header("X-Agent-Platform", "genesys")
                .header("X-Genesys-Environment", "localhost").build());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode profile = json.readTree(response.body()).path("profile");
        assertThat(profile.path("cdp_user_id").asString()).isEqualTo("usr_00042");
        assertThat(profile.path("attributes").path("ssn").asString()).startsWith("***-**-");
        assertThat(profile.path("attributes").path("credit_card_number").asString()).startsWith("**** ");
    }

    private JsonNode issue(String platform, String agent) {
        HttpResponse<String> response = post("/__demo/" + platform + "/token", "agent=" + agent);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String form) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

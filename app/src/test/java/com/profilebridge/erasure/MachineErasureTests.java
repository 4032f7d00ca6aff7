package com.profilebridge.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.support.ConsoleSession;
import com.profilebridge.support.Http;
import com.profilebridge.support.LoopbackOAuth;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A data-subject-request tool (OneTrust, a ticket system) erases a customer from a server: an OAuth
 * client-credentials token of the configured authorization server (mock-oauth2-server on 127.0.0.1)
 * for the client {@code onetrust-dsr}, carrying the role {@code erasure} in its {@code roles} claim,
 * on {@code POST /v1/erasures}. Stateless (no session, no CSRF), problem details for every refusal,
 * audited with the client as the actor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.outcomes.delivery.enabled=false",
        "bridge.security.jwt.audiences=" + MachineErasureTests.AUDIENCE,
        "bridge.security.jwt.roles-claim=roles",
        "bridge.security.callers.dsrtool.client-ids=" + MachineErasureTests.CLIENT,
        "bridge.security.callers.dsrtool.roles=ERASURE",
        "bridge.security.callers.ivrdemo.client-ids=genesys-ivr"})
@ActiveProfiles({"demo", "test"})
class MachineErasureTests {

    static final String AUDIENCE = "profile-bridge";
    static final String CLIENT = "onetrust-dsr";
    static final String PATH = "/v1/erasures";
    static final MockOAuth2Server oauth = LoopbackOAuth.start();


    @DynamicPropertySource
    static void authorizationServer(DynamicPropertyRegistry registry) {
        registry.add("bridge.security.jwt.issuer-uri", () -> oauth.issuerUrl("dsr").toString());
    }

    @AfterAll
    static void stop() {
        oauth.shutdown();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTokenWithTheErasureRoleErasesTheCustomerAndTheAuditNamesTheClient() {
        String customer = "usr_00083";
        linkedByAnIvrCall(customer, "+15551000083", "conv-dsr-1");

        HttpResponse<String> answer = erase(token(CLIENT, List.of("erasure"), 3600), customer);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode report = Http.json(answer);
        String pseudonym = report.path("pseudonym").asString();
        assertThat(pseudonym).startsWith("erased:");
        assertThat(report.path("counts").path("INTERACTION_LINKS").asLong()).isEqualTo(1);
        assertThat(report.path("complete").asBoolean()).isTrue();
        assertThat(links(customer)).isZero();
        assertThat(answer.headers().allValues("Set-Cookie")).as("stateless: no session").isEmpty();
        Map<String, Object> row = jdbc.sql("""
                        SELECT actor, channel, cdp_user_id FROM audit_event WHERE action = 'ERASURE' AND cdp_user_id = :p""")
                .param("p", pseudonym)
                .query((rs, n) -> Map.<String, Object>of("actor", rs.getString(1), "channel", rs.getString(2)))
                .single();
        assertThat(row).containsEntry("actor", CLIENT).containsEntry("channel", "api");
        assertThat(jdbc.sql("SELECT actor FROM erasure_request WHERE pseudonym = :p").param("p", pseudonym)
                .query(String.class).list()).containsExactly(CLIENT);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE cdp_user_id = :c").param("c", customer)
                .query(Long.class).single()).as("no audit row names the customer any more").isZero();
    }

    @Test
    void aValidTokenWithoutTheErasureRoleIsForbiddenAndErasesNothing() {
        long erasures = erasures();
        String customer = "usr_00084";
        linkedByAnIvrCall(customer, "+15551000084", "conv-dsr-2");

        for (String token : List.of(token(CLIENT, List.of("integration"), 3600), token(CLIENT, List.of(), 3600),
                token("genesys-ivr", List.of("erasure", "integration"), 3600))) {
            HttpResponse<String> answer = erase(token, customer);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
            assertProblem(answer, "forbidden");
            assertThat(answer.headers().allValues("WWW-Authenticate")).isEmpty();
        }
        assertThat(links(customer)).isEqualTo(1);
        assertThat(erasures()).isEqualTo(erasures);
    }

    @Test
    void anExpiredForeignOrMissingTokenIsA401ProblemAndErasesNothing() {
        long erasures = erasures();
        String customer = "usr_00085";
        linkedByAnIvrCall(customer, "+15551000085", "conv-dsr-3");

        HttpResponse<String> expired = erase(token(CLIENT, List.of("erasure"), -600), customer);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertProblem(expired, "unauthorized");
        assertThat(expired.headers().allValues("WWW-Authenticate")).containsExactly("Bearer error=\"invalid_token\"");

        String otherAudience = "Bearer " + oauth.issueToken("dsr", CLIENT, new DefaultOAuth2TokenCallback("dsr", CLIENT,
                "JWT", List.of("another-api"), Map.of("roles", List.of("erasure")), 3600)).serialize();
        assertThat(erase(otherAudience, customer).statusCode()).isEqualTo(401);

        HttpResponse<String> none = new Http(port).post(PATH, "application/json", body(customer), null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertProblem(none, "unauthorized");

        assertThat(links(customer)).isEqualTo(1);
        assertThat(erasures()).isEqualTo(erasures);
    }

    @Test
    void secretsAndConsoleSessionsDoNotReachTheMachineEndpoint() {
        long erasures = erasures();
        String customer = "usr_00086";
        linkedByAnIvrCall(customer, "+15551000086", "conv-dsr-4");

        // the IVR caller's HTTP Basic secret: authenticated, but secrets never carry ERASURE
        HttpResponse<String> basic = new Http(port).post(PATH, "application/json", body(customer), Http.DEMO_CALLER);
        assertThat(basic.statusCode()).isEqualTo(403);
        assertProblem(basic, "forbidden");
        // an administrator's console session is no credential here (the chain is stateless)
        HttpResponse<String> admin = ConsoleSession.signIn(port, "admin", "demo-admin").post(PATH, body(customer));
        assertThat(admin.statusCode()).isEqualTo(401);

        assertThat(links(customer)).isEqualTo(1);
        assertThat(erasures()).isEqualTo(erasures);
    }

    @Test
    void aBadRequestIsA400ProblemAndNoErasure() {
        long erasures = erasures();
        String token = token(CLIENT, List.of("erasure"), 3600);
        HttpResponse<String> invalid = new Http(port).post(PATH, "application/json", "{\"cdpUserId\":\"not an id!\"}",
                token);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertProblem(invalid, "invalid-customer-id");
        assertThat(new Http(port).post(PATH, "application/json", "{\"reason\":\"DSR-1\"}", token).statusCode())
                .isEqualTo(400);
        assertThat(erasures()).isEqualTo(erasures);
    }

    private HttpResponse<String> erase(String authorization, String customer) {
        return new Http(port).post(PATH, "application/json", body(customer), authorization);
    }

    /** A client-credentials token of the tool (the client is its azp), with these roles in the roles claim. */
    private static String token(String client, List<String> roles, long expirySeconds) {
        return "Bearer " + oauth.issueToken("dsr", client, new DefaultOAuth2TokenCallback("dsr", client, "JWT",
                List.of(AUDIENCE), Map.of("roles", roles), expirySeconds)).serialize();
    }

    private void linkedByAnIvrCall(String customer, String phone, String conversation) {
        HttpResponse<String> resolved = new Http(port).resolveJson(
                "{\"phoneNumber\":\"" + phone + "\",\"conversationId\":\"" + conversation + "\"}");
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(links(customer)).isEqualTo(1);
    }

    private long links(String user) {
        return jdbc.sql("SELECT COUNT(*) FROM interaction_link WHERE cdp_user_id = :u").param("u", user)
                .query(Long.class).single();
    }

    /** Erasures recorded so far (the register and the audit trail agree: one each per erasure). */
    private long erasures() {
        return jdbc.sql("SELECT COUNT(*) FROM erasure_request").query(Long.class).single();
    }

    private static void assertProblem(HttpResponse<String> response, String type) {
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(Http.json(response).path("type").asString()).endsWith("/problems/" + type);
    }

    private static String body(String user) {
        return "{\"cdpUserId\":\"" + user + "\",\"reason\":\"DSR-1042\"}";
    }
}

package com.profilebridge.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profilebridge.support.ConsoleSession;
import com.profilebridge.support.Http;
import com.profilebridge.support.SecurityContexts;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.ActiveProfiles;

/**
 * Only an administrator erases, over HTTP and in the use case itself; a refused erasure changes
 * nothing; a request without a usable customer id is a 400 problem, never an erasure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bridge.outcomes.delivery.enabled=false")
@ActiveProfiles({"demo", "test"})
class ErasureRolesTests {

    static final String PATH = "/api/console/erasures";
    static final String CAROL = "usr_00071";

    @LocalServerPort
    int port;

    @Autowired
    ObjectProvider<SecurityContextHolderStrategy> strategies;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Erasures erasures;

    @Test
    void anonymousCallersGetA401Problem() {
        HttpResponse<String> response = new Http(port).post(PATH, "application/json", body(CAROL), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void neitherAnAgentNorASupervisorMayEraseAndNothingIsErased() {
        Http http = new Http(port);
        assertThat(http.resolveJson("{\"phoneNumber\":\"+15551000071\",\"conversationId\":\"conv-roles-1\"}").statusCode())
                .isEqualTo(200);
        long links = links(CAROL);
        assertThat(links).isEqualTo(1);
        long erasureRows = erasureAuditRows();

        HttpResponse<String> agent = ConsoleSession.signIn(port, "agent", "demo-agent").post(PATH, body(CAROL));
        HttpResponse<String> supervisor = ConsoleSession.signIn(port, "supervisor", "demo-supervisor").post(PATH, body(CAROL));

        assertThat(agent.statusCode()).isEqualTo(403);
        assertThat(supervisor.statusCode()).isEqualTo(403);
        assertThat(supervisor.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(supervisor.body()).contains("/problems/forbidden");
        assertThat(links(CAROL)).isEqualTo(links);
        assertThat(erasureAuditRows()).as("no erasure, no preview").isEqualTo(erasureRows);
    }

    @Test
    void anAdministratorsChangeNeedsTheCsrfToken() {
        ConsoleSession admin = ConsoleSession.signIn(port, "admin", "demo-admin");
        assertThat(admin.postWithoutCsrf(PATH, body(CAROL)).statusCode()).isEqualTo(403);
    }

    @Test
    void aBlankOrInvalidIdOrAPseudonymIsA400Problem() {
        ConsoleSession admin = ConsoleSession.signIn(port, "admin", "demo-admin");
        assertProblem(admin.post(PATH, "{\"cdpUserId\":\"  \"}"), "blank-customer-id");
        assertProblem(admin.post(PATH, "{\"reason\":\"no id\"}"), "blank-customer-id");
        assertProblem(admin.post(PATH, "{\"cdpUserId\":\"not an id!\"}"), "invalid-customer-id");
        assertProblem(admin.post(PATH, "{\"cdpUserId\":\"erased:0123456789abcdef0123456789abcdef\"}"),
                "already-a-pseudonym");
        assertProblem(admin.post(PATH, "{\"cdpUserId\":\"" + CAROL + "\",\"reason\":\"" + "x".repeat(501) + "\"}"),
                "reason-too-long");
        assertThat(admin.post(PATH, "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void theUseCaseItselfRefusesEveryoneButAnAdministrator() {
        assertThatThrownBy(() -> erasures.erase(CAROL, "nobody", null))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        SecurityContexts contexts = SecurityContexts.of(strategies);
        contexts.signIn("supervisor", "ROLE_SUPERVISOR");
        try {
            assertThatThrownBy(() -> erasures.erase(CAROL, "supervisor", null)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> erasures.preview(CAROL, "supervisor")).isInstanceOf(AccessDeniedException.class);
        } finally {
            contexts.clear();
        }
    }

    private static void assertProblem(HttpResponse<String> response, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(Http.json(response).path("type").asString()).endsWith("/problems/" + type);
    }

    private long links(String user) {
        return jdbc.sql("SELECT COUNT(*) FROM interaction_link WHERE cdp_user_id = :u").param("u", user)
                .query(Long.class).single();
    }

    private long erasureAuditRows() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action LIKE 'ERASURE%'").query(Long.class).single();
    }

    private static String body(String user) {
        return "{\"cdpUserId\":\"" + user + "\",\"reason\":\"roles test\"}";
    }
}

package com.profilebridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.support.ConsoleSession;
import com.profilebridge.support.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The console's REST surface: a console session is required, refusals are problem details. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ConsoleApiSecurityTests {

    @LocalServerPort
    int port;

    @Test
    void withoutASessionTheConsoleApiAnswersAProblemNotALoginPage() {
        HttpResponse<String> response = new Http(port).get("/api/console/audit");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body()).contains("/problems/unauthorized");
    }

    @Test
    void anAgentSessionIsNotAConsoleSession() {
        ConsoleSession agent = ConsoleSession.signIn(port, "agent", "demo-agent");
        assertThat(agent.get("/api/console/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void aSupervisorSessionReachesTheConsoleApi() {
        ConsoleSession supervisor = ConsoleSession.signIn(port, "supervisor", "demo-supervisor");
        HttpResponse<String> response = supervisor.get("/api/console/no-such-endpoint");
        assertThat(response.statusCode()).as("past security: the unknown path's own 404").isEqualTo(404);
        assertThat(supervisor.postWithoutCsrf("/api/console/no-such-endpoint", "{}").statusCode())
                .as("a change without the CSRF token").isEqualTo(403);
        assertThat(supervisor.post("/api/console/no-such-endpoint", "{}").statusCode()).isEqualTo(404);
    }
}

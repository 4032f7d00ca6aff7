package com.profilebridge.profileview;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.support.ConsoleSession;
import com.profilebridge.support.Http;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/console/search} through HTTP with the demo console logins: who may search, and what they get. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ConsoleSearchApiTests {

    static final String HOUSEHOLD = "{\"query\":\"+1 555 100 0097\"}";

    @LocalServerPort
    int port;

    @Autowired
    CdpClient cdp;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSupervisorGetsTheHouseholdMaskedWithTheDecisionAndEachProfileIsAudited() {
        List<CdpProfile> raw = cdp.lookup(new CdpIdentifier(CdpIdentifier.Kind.PHONE, "+15551000097")).profiles();
        int before = consoleViews();

        HttpResponse<String> response = ConsoleSession.signIn(port, "supervisor", "demo-supervisor")
                .post("/api/console/search", HOUSEHOLD);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        JsonNode body = Http.json(response);
        assertThat(body.at("/identity/match_type").asString()).isEqualTo("PHONE_SHARED");
        assertThat(body.at("/identity/verified").asBoolean()).isFalse();
        assertThat(body.at("/identity/matches/0/identifier").asString()).endsWith("0097").contains("*");
        assertThat(body.at("/identity/matches/0/cdp_user_ids").size()).isEqualTo(raw.size());
        assertThat(body.path("profiles").size()).isEqualTo(raw.size());
        assertThat(body.at("/profiles/0/attributes").has("ssn")).isFalse();
        assertThat(body.at("/profiles/0/attributes").has("credit_card_number")).isFalse();
        for (CdpProfile r : raw) {
            assertThat(response.body()).doesNotContain(r.attributes().get("ssn"), r.attributes().get("credit_card_number"),
                    r.attributes().get("date_of_birth"), r.email(), r.name(), "5551000097");
        }
        assertThat(consoleViews()).isEqualTo(before + raw.size());
    }

    @Test
    void anAgentSessionIsRefusedAndNothingIsAudited() {
        int before = consoleViews();

        HttpResponse<String> response = ConsoleSession.signIn(port, "agent", "demo-agent")
                .post("/api/console/search", HOUSEHOLD);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("usr_");
        assertThat(consoleViews()).isEqualTo(before);
    }

    @Test
    void withoutASignedInSessionTheAnswerIs401AndASessionWithoutTheCsrfToken403() {
        HttpResponse<String> anonymous = ConsoleSession.anonymous(port).post("/api/console/search", HOUSEHOLD);
        HttpResponse<String> noToken = new Http(port).post("/api/console/search", "application/json", HOUSEHOLD, null);
        HttpResponse<String> forged = ConsoleSession.signIn(port, "supervisor", "demo-supervisor")
                .postWithoutCsrf("/api/console/search", HOUSEHOLD);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(noToken.statusCode()).as("no session, no token: a sign-in is what is missing").isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(anonymous.body() + noToken.body() + forged.body()).doesNotContain("usr_");
    }

    @Test
    void whatIsNoIdentifierIs400AndAnUnknownOne404() {
        ConsoleSession supervisor = ConsoleSession.signIn(port, "supervisor", "demo-supervisor");

        HttpResponse<String> invalid = supervisor.post("/api/console/search", "{\"query\":\"not a number!\"}");
        HttpResponse<String> unknown = supervisor.post("/api/console/search", "{\"query\":\"+1 555 999 0002\"}");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Http.json(invalid).path("type").asString()).endsWith("/invalid-query");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).path("type").asString()).endsWith("/no-match");
    }

    private int consoleViews() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'PROFILE_VIEW' AND channel = 'console' "
                + "AND actor = 'supervisor'").query(Integer.class).single();
    }
}

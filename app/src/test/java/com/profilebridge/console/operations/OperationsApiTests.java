package com.profilebridge.console.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.profilebridge.audit.AuditTrail;
import com.profilebridge.support.ConsoleSession;
import com.profilebridge.support.Http;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Every operations endpoint through HTTP with the demo console logins: a supervisor reads, only an
 * admin replays and attributes (a supervisor's attempt is refused by the use case and changes
 * nothing), an agent and an anonymous caller get nothing; bad input is a problem detail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class OperationsApiTests {

    static final String BASE = "/api/console/operations";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    ConsoleSession admin;
    ConsoleSession supervisor;
    ConsoleSession agent;

    @BeforeEach
    void signIn() {
        admin = ConsoleSession.signIn(port, "admin", "demo-admin");
        supervisor = ConsoleSession.signIn(port, "supervisor", "demo-supervisor");
        agent = ConsoleSession.signIn(port, "agent", "demo-agent");
    }

    @Test
    void theSnapshotIsForConsoleReadersOnly() {
        HttpResponse<String> read = supervisor.get(BASE + "/snapshot");
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode snapshot = Http.json(read);
        assertThat(snapshot.path("cdp").asString()).isEqualTo("demo");
        assertThat(snapshot.path("instance").asString()).isNotBlank();
        assertThat(snapshot.path("breaker").asString()).isEqualTo("CLOSED");
        assertThat(snapshot.path("sampleInterval").toString()).isEqualTo("\"PT10S\"");
        assertThat(snapshot.path("window").toString()).isEqualTo("\"PT1H\"");
        assertThat(snapshot.path("samples").isArray()).isTrue();
        assertThat(snapshot.path("transitions").isArray()).isTrue();
        // the embedded default keeps the history in memory: this instance only
        assertThat(snapshot.path("scope").asString()).isEqualTo("THIS_INSTANCE");
        assertThat(snapshot.path("instances").size()).isEqualTo(1);
        assertThat(snapshot.path("instances").get(0).path("self").asBoolean()).isTrue();
        assertThat(snapshot.path("instances").get(0).path("name").asString()).isEqualTo(snapshot.path("instance").asString());
        // the sampler's first sample follows 10 s after start: the history as JSON, one object per interval
        JsonNode sample = await().atMost(Duration.ofSeconds(30)).until(
                () -> Http.json(admin.get(BASE + "/snapshot")).path("samples"), samples -> !samples.isEmpty()).get(0);
        assertThat(Instant.parse(sample.path("at").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(sample.path("cdpCalls").isIntegralNumber()).isTrue();
        assertThat(sample.path("cacheHits").isIntegralNumber()).isTrue();
        assertThat(sample.path("breaker").asString()).isEqualTo("CLOSED");
        assertThat(sample.path("deadLetters").isIntegralNumber()).isTrue();
        assertThat(agent.get(BASE + "/snapshot").statusCode()).isEqualTo(403);
        assertThat(new Http(port).get(BASE + "/snapshot").statusCode()).isEqualTo(401);
    }

    @Test
    void aSupervisorCannotReplayADeadLetterAndItStaysDead() {
        String id = deadLetter("usr_00071");
        HttpResponse<String> refused = supervisor.post(BASE + "/dead-letters/" + id + "/replay", "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(supervisor.post(BASE + "/dead-letters/replay", "").statusCode()).isEqualTo(403);
        assertThat(agent.post(BASE + "/dead-letters/" + id + "/replay", "").statusCode()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("DEAD");
    }

    @Test
    void anAdminReplaysOneDeadLetterAndAnUnknownOrMalformedIdIsAProblem() {
        String id = deadLetter("usr_00072");
        assertThat(admin.postWithoutCsrf(BASE + "/dead-letters/" + id + "/replay", "").statusCode())
                .as("no CSRF token, no change").isEqualTo(403);
        assertThat(status(id)).isEqualTo("DEAD");

        HttpResponse<String> replayed = admin.post(BASE + "/dead-letters/" + id + "/replay", "");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(Http.json(replayed).path("requeued").asInt()).isEqualTo(1);
        assertThat(status(id)).isIn("PENDING", "DELIVERED");

        HttpResponse<String> again = admin.post(BASE + "/dead-letters/" + id + "/replay", "");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("/problems/no-such-dead-letter");
        HttpResponse<String> malformed = admin.post(BASE + "/dead-letters/not%20an%20id!/replay", "");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("/problems/invalid-message-id");
    }

    @Test
    void anAdminReplaysAllDeadLetters() {
        String first = deadLetter("usr_00073");
        String second = deadLetter("usr_00074");
        HttpResponse<String> replayed = admin.post(BASE + "/dead-letters/replay", "");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(Http.json(replayed).path("requeued").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(status(first)).isIn("PENDING", "DELIVERED");
        assertThat(status(second)).isIn("PENDING", "DELIVERED");
    }

    @Test
    void aReplayByAnAdminLeavesAnAuditRowNamingWhoWhenAndWhichOutcome() {
        String id = deadLetter("usr_00078");
        String interaction = interactionOf(id);
        Instant before = Instant.now().minusSeconds(1);

        assertThat(supervisor.post(BASE + "/dead-letters/" + id + "/replay", "").statusCode()).isEqualTo(403);
        assertThat(replayRows(interaction)).as("a refused replay records nothing").isEmpty();

        assertThat(admin.post(BASE + "/dead-letters/" + id + "/replay", "").statusCode()).isEqualTo(200);

        assertThat(replayRows(interaction)).singleElement().satisfies(row -> {
            assertThat(row.get("actor")).isEqualTo("admin");
            assertThat(row.get("cdp_user_id")).isEqualTo("usr_00078");
            assertThat(row.get("channel")).isEqualTo("console");
            assertThat(((OffsetDateTime) row.get("occurred_at")).toInstant()).isAfter(before)
                    .isBefore(Instant.now().plusSeconds(1));
        });
        assertThat(admin.post(BASE + "/dead-letters/" + id + "/replay", "").statusCode()).as("already replayed").isEqualTo(404);
        assertThat(replayRows(interaction)).as("nothing requeued, nothing recorded").hasSize(1);
    }

    @Test
    void replayingAllDeadLettersRecordsOneAuditRowPerRequeuedOutcome() {
        String first = deadLetter("usr_00079");
        String second = deadLetter("usr_00080");

        HttpResponse<String> replayed = admin.post(BASE + "/dead-letters/replay", "");

        assertThat(replayed.statusCode()).isEqualTo(200);
        for (String id : new String[] {first, second}) {
            assertThat(replayRows(interactionOf(id))).singleElement()
                    .satisfies(row -> assertThat(row.get("actor")).isEqualTo("admin"));
        }
        assertThat(audit.count(OperationsConsole.OUTCOME_REPLAYED, "usr_00079")).isEqualTo(1);
        assertThat(audit.count(OperationsConsole.OUTCOME_REPLAYED, "usr_00080")).isEqualTo(1);
    }

    @Test
    void aSupervisorCannotAttributeAParkedOutcomeAndNothingIsAudited() {
        String id = parked();
        int audited = audit.count("OUTCOME_ATTRIBUTED", "usr_00075");
        HttpResponse<String> refused = supervisor.post(attribution(id), "{\"cdpUserId\":\"usr_00075\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("/problems/forbidden");
        assertThat(agent.post(attribution(id), "{\"cdpUserId\":\"usr_00075\"}").statusCode()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("UNATTRIBUTED");
        assertThat(userOf(id)).isNull();
        assertThat(audit.count("OUTCOME_ATTRIBUTED", "usr_00075")).isEqualTo(audited);
    }

    @Test
    void anAdminAttributesAParkedOutcomeToAKnownCustomerAndTheAuditNamesThem() {
        String id = parked();
        int audited = audit.count("OUTCOME_ATTRIBUTED", "usr_00076");

        HttpResponse<String> done = admin.post(attribution(id), "{\"cdpUserId\":\" usr_00076 \"}");

        assertThat(done.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(done);
        assertThat(body.path("cdpUserId").asString()).isEqualTo("usr_00076");
        assertThat(body.path("messages").asInt()).isEqualTo(1);
        assertThat(body.path("interactionId").asString()).startsWith("conv-api-parked-");
        assertThat(status(id)).isIn("PENDING", "DELIVERED");
        assertThat(userOf(id)).isEqualTo("usr_00076");
        assertThat(audit.count("OUTCOME_ATTRIBUTED", "usr_00076")).isEqualTo(audited + 1);
        String actor = jdbc.sql("SELECT actor FROM audit_event WHERE action = 'OUTCOME_ATTRIBUTED' AND cdp_user_id = 'usr_00076'"
                        + " AND interaction_id = :interaction")
                .param("interaction", body.path("interactionId").asString()).query(String.class).single();
        assertThat(actor).isEqualTo("admin");

        HttpResponse<String> again = admin.post(attribution(id), "{\"cdpUserId\":\"usr_00076\"}");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("/problems/no-such-unattributed-outcome");
    }

    @Test
    void aBlankMalformedOrUnknownCustomerIdIsRefusedAndChangesNothing() {
        String id = parked();
        for (String body : new String[] {"{\"cdpUserId\":\"\"}", "{\"cdpUserId\":\"   \"}", "{}", "{\"cdpUserId\":null}",
                "{\"cdpUserId\":\"'; DROP TABLE outbox_message; --\"}"}) {
            HttpResponse<String> refused = admin.post(attribution(id), body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.body()).as(body).contains("/problems/invalid-cdp-user-id");
        }
        HttpResponse<String> unknown = admin.post(attribution(id), "{\"cdpUserId\":\"usr_99999999\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("/problems/unknown-customer");
        HttpResponse<String> notJson = admin.post(attribution(id), "cdpUserId=usr_00077");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(status(id)).isEqualTo("UNATTRIBUTED");
        assertThat(userOf(id)).isNull();

        HttpResponse<String> noSuchMessage = admin.post(attribution("pb-no-such-message-r1"), "{\"cdpUserId\":\"usr_00077\"}");
        assertThat(noSuchMessage.statusCode()).isEqualTo(404);
        HttpResponse<String> deadIsNotParked = admin.post(attribution(deadLetter("usr_00077")), "{\"cdpUserId\":\"usr_00077\"}");
        assertThat(deadIsNotParked.statusCode()).isEqualTo(404);
        HttpResponse<String> badMessageId = admin.post(attribution("bad%20id!"), "{\"cdpUserId\":\"usr_00077\"}");
        assertThat(badMessageId.statusCode()).isEqualTo(400);
        assertThat(badMessageId.body()).contains("/problems/invalid-message-id");
    }

    static String attribution(String messageId) {
        return BASE + "/unattributed/" + messageId + "/attribution";
    }

    /** A dead letter as the worker leaves one after exhausting its attempts. */
    String deadLetter(String user) {
        String id = "pb-api-dead-" + UUID.randomUUID().toString().substring(0, 8) + "-r1";
        insert(id, "conv-api-dead-" + id.substring(12, 20), user, "DEAD", 10, "CDP answered HTTP 503");
        return id;
    }

    /** An outcome parked because its interaction was never linked to a customer. */
    String parked() {
        String id = "pb-api-parked-" + UUID.randomUUID().toString().substring(0, 8) + "-r1";
        insert(id, "conv-api-parked-" + id.substring(14, 22), null, "UNATTRIBUTED", 0, null);
        return id;
    }

    void insert(String messageId, String interactionId, String user, String status, int attempts, String error) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO outbox_message (message_id, organisation, interaction_id, revision, cdp_user_id, event_name,
                                            event_time, payload, status, attempts, available_at, last_error, created_at)
                VALUES (:id, 'ivrdemo', :interaction, 1, :user, 'Interaction Completed', :at,
                        '{"disposition":"Resolved","channel":"voice"}', :status, :attempts, :at, :error, :at)""")
                .param("id", messageId).param("interaction", interactionId).param("user", user)
                .param("status", status).param("attempts", attempts).param("error", error).param("at", now)
                .update();
    }

    String interactionOf(String messageId) {
        return jdbc.sql("SELECT interaction_id FROM outbox_message WHERE message_id = :id").param("id", messageId)
                .query(String.class).single();
    }

    List<Map<String, Object>> replayRows(String interaction) {
        return jdbc.sql("""
                        SELECT actor, cdp_user_id, channel, occurred_at FROM audit_event
                         WHERE action = 'OUTCOME_REPLAYED' AND interaction_id = :interaction""")
                .param("interaction", interaction)
                .query((rs, n) -> Map.<String, Object>of("actor", rs.getString(1), "cdp_user_id", rs.getString(2),
                        "channel", rs.getString(3), "occurred_at", rs.getObject(4, OffsetDateTime.class)))
                .list();
    }

    String status(String messageId) {
        return jdbc.sql("SELECT status FROM outbox_message WHERE message_id = :id").param("id", messageId)
                .query(String.class).single();
    }

    String userOf(String messageId) {
        return jdbc.sql("SELECT cdp_user_id FROM outbox_message WHERE message_id = :id").param("id", messageId)
                .query((rs, row) -> rs.getString(1)).list().getFirst();
    }
}

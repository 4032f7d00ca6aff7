package com.profilebridge.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.support.ConsoleSession;
import com.profilebridge.support.Http;
import com.profilebridge.support.SecurityContexts;
import com.profilebridge.support.StoreSearch;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The "right to be forgotten" on the embedded default (H2, Caffeine): a customer is put into every
 * store through the product's own entry points (resolve by phone and by e-mail, the agents' REST
 * proxy, outcomes from the platforms, a parked one naming them, a dead letter), an administrator
 * erases them over the console API, and then every table, every in-memory cache and map is
 * searched for their id, phone number (E.164 and as typed) and e-mail address: nothing is left but
 * their audit rows, now under a pseudonym. Another customer's data stays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bridge.outcomes.delivery.enabled=false")
@ActiveProfiles({"demo", "test"})
class ErasureTests {

    static final String ADA = "usr_00042";
    static final String BEN = "usr_00043";
    static final String ADA_PHONE_AS_TYPED = "+1 (555) 100-0042";

    @LocalServerPort
    int port;

    @Autowired
    ObjectProvider<SecurityContextHolderStrategy> strategies;

    @Autowired
    CdpClient cdp;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource database;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    Erasures erasures;

    @Test
    void erasesTheCustomerFromEveryStoreAndKeepsTheirAuditRowsUnderAPseudonym() {
        CdpProfile ada = cdp.profile(ADA).orElseThrow();
        List<String> adaTraces = List.of(ADA, ada.phone(), ada.phone().substring(2), "(555) 100-0042", ADA_PHONE_AS_TYPED,
                ada.email());
        putAdaEverywhere(ada);
        putBenEverywhere();
        // an agent looked Ada up during Ben's call: Ben's outcome of that call stays his
        String grace = Http.json(new Http(port).postForm("/__demo/genesys/token", "agent=grace")).path("access_token")
                .asString();
        viewThroughProxy(new Http(port), grace, ADA, "conv-keep-1");
        assertThat(StoreSearch.tables(database)).as("the tables searched").contains("interaction_link", "audit_event",
                "outbox_message", "outcome_event", "outcome_interaction", "erasure_request");
        assertThat(StoreSearch.database(database, adaTraces)).as("the search finds her before").isNotEmpty();
        assertThat(StoreSearch.memory(context, adaTraces)).as("the search finds her in memory before").isNotEmpty();
        long adasAuditRows = count("SELECT COUNT(*) FROM audit_event WHERE cdp_user_id = '" + ADA + "'");
        long bensAuditRows = count("SELECT COUNT(*) FROM audit_event WHERE cdp_user_id = '" + BEN + "'");
        long auditRows = count("SELECT COUNT(*) FROM audit_event");
        ErasurePreview preview = asAdmin(() -> erasures.preview(ADA, "admin"));

        ConsoleSession admin = ConsoleSession.signIn(port, "admin", "demo-admin");
        HttpResponse<String> response = admin.post("/api/console/erasures",
                "{\"cdpUserId\":\"" + ADA + "\",\"reason\":\"DSR-1042: " + ada.email() + " asked us to forget " + ADA + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = Http.json(response);
        String pseudonym = report.path("pseudonym").asString();
        assertThat(pseudonym).matches("erased:[0-9a-f]{32}").isEqualTo(preview.pseudonym());
        JsonNode counts = report.path("counts");
        assertThat(counts.path("INTERACTION_LINKS").asLong()).as("phone and e-mail resolves").isEqualTo(2);
        assertThat(counts.path("OUTCOMES_PENDING").asLong()).as("linked, and sent with her id").isEqualTo(2);
        assertThat(counts.path("OUTCOMES_PARKED").asLong()).as("of an interaction she was viewed in, naming her")
                .isEqualTo(2);
        assertThat(counts.path("OUTCOMES_DEAD_LETTERS").asLong()).isEqualTo(1);
        assertThat(counts.path("OUTCOMES_DELIVERED").asLong()).isEqualTo(1);
        assertThat(counts.path("OUTCOME_INTAKE_RECORDS").asLong()).as("the four posted outcomes").isEqualTo(4);
        assertThat(counts.path("MENTIONS").asLong()).as("Ben's outcome naming her: message and intake").isEqualTo(2);
        assertThat(counts.path("AUDIT_EVENTS").asLong()).isEqualTo(adasAuditRows).isEqualTo(3);
        assertThat(counts.path("MEMORY_CACHES").asLong()).as("phone, e-mail, id entries and the typed number")
                .isGreaterThanOrEqualTo(4);
        assertThat(counts.path("SHARED_CACHE").asLong()).isZero();
        assertThat(report.path("instancesNotified").asLong()).isEqualTo(1);
        assertThat(report.path("complete").asBoolean()).isTrue();
        for (ErasedStore store : List.of(ErasedStore.INTERACTION_LINKS, ErasedStore.OUTCOMES_PENDING,
                ErasedStore.OUTCOMES_PARKED, ErasedStore.OUTCOMES_DEAD_LETTERS, ErasedStore.OUTCOMES_DELIVERED,
                ErasedStore.OUTCOME_INTAKE_RECORDS, ErasedStore.MENTIONS, ErasedStore.AUDIT_EVENTS)) {
            assertThat(preview.counts().get(store)).as("previewed " + store).isEqualTo(counts.path(store.name()).asLong());
        }
        assertThat(preview.maskedPhone()).doesNotContain(ada.phone()).endsWith("0042");

        // nothing of hers anywhere
        assertThat(StoreSearch.database(database, adaTraces)).isEmpty();
        assertThat(StoreSearch.memory(context, adaTraces)).isEmpty();

        // her audit rows are all there, under the pseudonym, with the preview and the erasure itself
        assertThat(count("SELECT COUNT(*) FROM audit_event")).isEqualTo(auditRows + 2);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE cdp_user_id = '" + pseudonym + "'"))
                .isEqualTo(adasAuditRows + 2);
        assertThat(jdbc.sql("SELECT actor, channel FROM audit_event WHERE action = 'ERASURE' AND cdp_user_id = :p")
                .param("p", pseudonym).query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).list())
                .containsExactly("admin/console");
        assertThat(jdbc.sql("SELECT reason FROM erasure_request WHERE pseudonym = :p").param("p", pseudonym)
                .query(String.class).single()).startsWith("DSR-1042: ").contains(pseudonym).doesNotContain(ADA);

        // Ben keeps everything; the mention of her in his outcome is redacted
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE cdp_user_id = '" + BEN + "'")).isEqualTo(bensAuditRows);
        assertThat(count("SELECT COUNT(*) FROM interaction_link WHERE cdp_user_id = '" + BEN + "'")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT payload FROM outbox_message WHERE interaction_id = 'conv-keep-2'").query(String.class)
                .single()).contains("Spouse of " + pseudonym);
        assertThat(count("SELECT COUNT(*) FROM outbox_message WHERE cdp_user_id = '" + BEN + "'")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT fields FROM outcome_event WHERE interaction_id = 'conv-keep-1'").query(String.class)
                .single()).contains("sale");

        // a second erasure finds nothing, and is audited too
        JsonNode again = Http.json(admin.post("/api/console/erasures", "{\"cdpUserId\":\"" + ADA + "\"}"));
        assertThat(again.path("pseudonym").asString()).isEqualTo(pseudonym);
        again.path("counts").properties().forEach(c -> assertThat(c.getValue().asLong()).as(c.getKey()).isZero());
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'ERASURE' AND cdp_user_id = '" + pseudonym + "'"))
                .isEqualTo(2);
        assertThat(StoreSearch.database(database, adaTraces)).isEmpty();
    }

    /** Resolved by phone (as typed) and e-mail, viewed through the proxy, outcomes of every kind. */
    private void putAdaEverywhere(CdpProfile ada) {
        Http http = new Http(port);
        assertThat(resolve(http, "{\"phoneNumber\":\"" + ADA_PHONE_AS_TYPED + "\",\"conversationId\":\"conv-erasure-1\"}"))
                .isEqualTo(ADA);
        assertThat(resolve(http, "{\"email\":\"" + ada.email() + "\",\"conversationId\":\"conv-erasure-2\"}")).isEqualTo(ADA);
        String token = Http.json(http.postForm("/__demo/genesys/token", "agent=ada")).path("access_token").asString();
        viewThroughProxy(http, token, ADA, "conv-erasure-3");
        viewThroughProxy(http, token, ADA, null);

        track(http, "{\"conversationId\":\"conv-erasure-1\",\"outcome\":\"sale\",\"interactionType\":\"voice\"}", "accepted");
        track(http, "{\"interactionId\":\"conv-erasure-10\",\"userId\":\"" + ADA + "\",\"outcome\":\"callback\"}", "accepted");
        // parked: the interaction she was viewed in has no link; another one only names her in the notes
        track(http, "{\"conversationId\":\"conv-erasure-3\",\"outcome\":\"resolved\"}", "unattributed");
        track(http, "{\"conversationId\":\"conv-erasure-9\",\"outcome\":\"complaint\","
                + "\"notes\":\"Caller gave customer number " + ADA + " and asked for a refund\"}", "unattributed");
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO outbox_message (message_id, interaction_id, revision, cdp_user_id, event_name, event_time,
                                            payload, status, attempts, available_at, last_error, created_at, delivered_at)
                VALUES ('pb-erasure-dead-r1', 'conv-erasure-11', 1, :user, 'Interaction Completed', :at,
                        '{"disposition":"sale"}', 'DEAD', 10, :at, :error, :at, NULL),
                       ('pb-erasure-sent-r1', 'conv-erasure-12', 1, :user, 'Interaction Completed', :at,
                        '{"disposition":"resolved"}', 'DELIVERED', 1, :at, NULL, :at, :at)""")
                .param("user", ADA).param("at", now).param("error", "CDP refused the event for " + ADA + ": HTTP 422")
                .update();
    }

    /** Ben: linked, viewed, an outcome of his own and one whose notes name Ada. */
    private void putBenEverywhere() {
        Http http = new Http(port);
        assertThat(resolve(http, "{\"phoneNumber\":\"+1 555 100 0043\",\"conversationId\":\"conv-keep-1\"}")).isEqualTo(BEN);
        String token = Http.json(http.postForm("/__demo/genesys/token", "agent=grace")).path("access_token").asString();
        viewThroughProxy(http, token, BEN, "conv-keep-1");
        track(http, "{\"conversationId\":\"conv-keep-1\",\"outcome\":\"sale\"}", "accepted");
        track(http, "{\"interactionId\":\"conv-keep-2\",\"userId\":\"" + BEN + "\",\"outcome\":\"resolved\","
                + "\"notes\":\"Spouse of " + ADA + " called\"}", "accepted");
    }

    private static String resolve(Http http, String body) {
        HttpResponse<String> response = http.resolveJson(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).path("cdp_user_id").asString();
    }

    private static void viewThroughProxy(Http http, String token, String user, String interactionId) {
        HttpResponse<String> response = http.get("/api/proxy/cdp/profile/" + user
                + (interactionId == null ? "" : "?interactionId=" + interactionId), Map.of("Authorization", "Bearer " + token,
                "X-Agent-Platform", "genesys", "X-Genesys-Environment", "localhost"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void track(Http http, String body, String status) {
        String timed = body.substring(0, body.length() - 1) + ",\"timestamp\":\"" + Instant.now() + "\"}";
        HttpResponse<String> response = http.post("/v1/interactions/track", "application/json", timed, Http.DEMO_CALLER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(Http.json(response).path("status").asString()).isEqualTo(status);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private <T> T asAdmin(Supplier<T> action) {
        return SecurityContexts.of(strategies).as("admin", action, "ROLE_ADMIN", "ROLE_SUPERVISOR");
    }
}

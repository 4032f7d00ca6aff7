package com.profilebridge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.support.ConsoleSession;
import com.profilebridge.support.Http;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/console/audit} and {@code /api/console/audit.csv} through HTTP with the demo
 * console logins: who may read, the JSON pages, the 400s for bad parameters, the CSV file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class AuditApiTests {

    static final AtomicInteger days = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    AuditRows rows;
    String run;
    Instant day;

    @BeforeEach
    void setUp() {
        rows = new AuditRows(jdbc);
        run = AuditRows.run();
        // years before any row the application writes: an export holds only rows older than its own record
        day = Instant.parse("2011-01-01T00:00:00Z").plus(Duration.ofDays(days.getAndIncrement()));
    }

    @Test
    void supervisorsAndAdminsReadTheTrailAgentsAndStrangersDoNot() {
        rows.add(day, "agent-" + run, "PROFILE_VIEW", "usr-" + run, null, "widget");
        String query = "?agent=agent-" + run;
        for (String[] login : new String[][] {{"supervisor", "demo-supervisor"}, {"admin", "demo-admin"}}) {
            ConsoleSession session = ConsoleSession.signIn(port, login[0], login[1]);
            HttpResponse<String> page = session.get("/api/console/audit" + query);
            assertThat(page.statusCode()).as(login[0]).isEqualTo(200);
            assertThat(Http.json(page).at("/items/0/customer").asString()).isEqualTo("usr-" + run);
            HttpResponse<String> csv = session.get("/api/console/audit.csv" + query);
            assertThat(csv.statusCode()).as(login[0]).isEqualTo(200);
            assertThat(csv.body()).contains("usr-" + run);
        }
        ConsoleSession agent = ConsoleSession.signIn(port, "agent", "demo-agent");
        Http anonymous = new Http(port);
        for (String path : List.of("/api/console/audit" + query, "/api/console/audit.csv" + query)) {
            HttpResponse<String> refused = agent.get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body()).doesNotContain("usr-" + run);
            HttpResponse<String> unknown = anonymous.get(path);
            assertThat(unknown.statusCode()).as(path).isEqualTo(401);
            assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
    }

    @Test
    void pagesFollowTheirCursorsToTheLastPageWhoseNextIsNull() {
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            expected.addFirst(rows.add(day.plusSeconds(i / 4), "agent-" + run, "PROFILE_VIEW", "usr-" + run, "conv-" + i,
                    "widget"));
        }
        ConsoleSession supervisor = ConsoleSession.signIn(port, "supervisor", "demo-supervisor");
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> response = supervisor.get("/api/console/audit?agent=agent-" + run + "&limit=5"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
            JsonNode page = Http.json(response);
            assertThat(page.has("next")).as("next is always there, null on the last page").isTrue();
            page.get("items").forEach(item -> seen.add(item.get("id").asLong()));
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
        JsonNode first = Http.json(supervisor.get("/api/console/audit?agent=agent-" + run + "&limit=1"));
        assertThat(first.at("/items/0/occurredAt").asString()).isEqualTo(day.plusSeconds(2).toString());
        assertThat(first.at("/items/0/interactionId").asString()).isEqualTo("conv-11");
        assertThat(first.at("/items/0/channel").asString()).isEqualTo("widget");
        assertThat(first.at("/items/0/correlationId").asString()).isNotBlank();
    }

    @Test
    void badParametersAreProblemsNamingWhatIsWrong() {
        rows.add(day, "agent-" + run, "PROFILE_VIEW", "usr-" + run, null, "widget");
        rows.add(day, "agent-" + run, "PROFILE_VIEW", "usr-" + run, null, "widget");
        ConsoleSession supervisor = ConsoleSession.signIn(port, "supervisor", "demo-supervisor");
        String next = Http.json(supervisor.get("/api/console/audit?agent=agent-" + run + "&limit=1")).get("next")
                .asString();
        char last = next.charAt(next.length() - 1);
        String tampered = next.substring(0, next.length() - 1) + (last == 'A' ? 'B' : 'A');
        String[][] cases = {
                {"from=yesterday", "invalid-time"},
                {"to=2026-12-01T10:00:00", "invalid-time"},
                {"from=2026-12-01T10:00:00Z&to=2026-12-01T09:00:00Z", "invalid-time-range"},
                {"from=2026-12-01T10:00:00Z&to=2026-12-01T10:00:00Z", "invalid-time-range"},
                {"cursor=not-a-cursor", "invalid-cursor"},
                {"agent=agent-" + run + "&cursor=" + tampered, "invalid-cursor"},
                {"agent=someone-else&cursor=" + next, "invalid-cursor"},
                {"limit=0", "invalid-limit"},
                {"limit=501", "invalid-limit"},
                {"limit=ten", "invalid-limit"},
                {"channel=" + URLEncoder.encode("widget' OR '1'='1", StandardCharsets.UTF_8), "invalid-filter"},
                {"agent=" + "a".repeat(300), "invalid-filter"}};
        for (String[] bad : cases) {
            HttpResponse<String> response = supervisor.get("/api/console/audit?" + bad[0]);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(Http.json(response).get("type").asString()).as(bad[0]).endsWith("/problems/" + bad[1]);
            assertThat(response.body()).doesNotContain("Exception");
        }
        assertThat(supervisor.get("/api/console/audit.csv?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> offset = supervisor.get("/api/console/audit?agent=agent-" + run
                + "&from=" + day.minusSeconds(3_600).atOffset(ZoneOffset.ofHours(1)).toLocalDateTime() + "+01:00");
        assertThat(offset.statusCode()).as("an unencoded '+' of an offset").isEqualTo(200);
        assertThat(Http.json(offset).get("items")).hasSize(2);
    }

    @Test
    void theCsvHoldsEveryMatchingRowQuotedAndDefusedAndTheExportIsRecorded() {
        String customer = "usr-" + run;
        rows.add(day, "=HYPERLINK(\"http://evil.example\",\"click\")", "PROFILE_VIEW", customer, "conv,with \"quotes\"",
                "widget");
        rows.add(day.plusSeconds(1), "@agent-" + run, "CALLER_VERIFIED", customer, "+4930123", "proxy");
        rows.add(day.plusSeconds(2), "Jürgen Müller", "PROFILE_VIEW", customer, "-1", "console");
        int exportsBefore = rows.looks("admin", AuditTrail.AUDIT_EXPORT, customer);

        ConsoleSession admin = ConsoleSession.signIn(port, "admin", "demo-admin");
        HttpResponse<String> csv = admin.get("/api/console/audit.csv?customer=" + customer);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").containsIgnoringCase(
                "charset=UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"audit-trail-\\d{8}T\\d{6}Z\\.csv\"");
        assertThat(csv.headers().firstValue("X-Export-Row-Limit")).hasValue("100000");
        String[] lines = csv.body().split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("\uFEFFid,occurred_at_utc,actor,organization,action,customer,interaction_id,"
                + "channel,correlation_id");
        assertThat(lines).hasSize(5); // header, three rows, the empty rest after the last CRLF
        assertThat(lines[4]).isEmpty();
        assertThat(lines[1]).contains(",Jürgen Müller,,PROFILE_VIEW," + customer + ",'-1,console,");
        assertThat(lines[2]).contains(",'@agent-" + run + ",,CALLER_VERIFIED," + customer + ",'+4930123,proxy,");
        assertThat(lines[3]).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",,PROFILE_VIEW,"
                + customer + ",\"conv,with \"\"quotes\"\"\",widget,");
        assertThat(lines[3]).startsWith(lines[3].split(",", 2)[0] + "," + day + ",");
        assertThat(rows.looks("admin", AuditTrail.AUDIT_EXPORT, customer)).isEqualTo(exportsBefore + 1);
    }

    @Test
    void nothingIsShownWhenTheLookCannotBeRecorded() {
        String customer = "usr-" + run;
        rows.add(day, "agent-" + run, "PROFILE_VIEW", customer, null, "widget");
        String constraint = "audit_api_refuses_" + run;
        jdbc.sql("ALTER TABLE audit_event ADD CONSTRAINT " + constraint
                + " CHECK (cdp_user_id IS NULL OR cdp_user_id <> '" + customer + "' OR channel <> 'console')").update();
        try {
            ConsoleSession supervisor = ConsoleSession.signIn(port, "supervisor", "demo-supervisor");
            for (String path : List.of("/api/console/audit?customer=", "/api/console/audit.csv?customer=")) {
                HttpResponse<String> response = supervisor.get(path + customer);
                assertThat(response.statusCode()).as(path).isEqualTo(503);
                assertThat(Http.json(response).get("type").asString()).endsWith("/problems/audit-unavailable");
                assertThat(response.body()).doesNotContain("agent-" + run);
            }
        } finally {
            jdbc.sql("ALTER TABLE audit_event DROP CONSTRAINT " + constraint).update();
        }
    }
}

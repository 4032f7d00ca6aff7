package com.profilebridge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.support.ConsoleSession;
import com.profilebridge.support.Http;
import com.profilebridge.support.ScratchDatabase;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The keyset SQL and V4's indexes on the machine's real PostgreSQL (a database of its own): pages over
 * rows sharing timestamps neither overlap nor skip, filters and time bounds hold, a changed cursor is
 * refused, and the CSV export walks the same keyset.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class AuditPostgresTests {

    static final ScratchDatabase database = ScratchDatabase.create();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        database.register(registry);
    }

    @AfterAll
    static void dropDatabase() {
        database.drop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void keysetPagesFiltersAndTheExportHoldOnPostgresql() {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'audit_event' AND indexname IN "
                + "('audit_event_time_id', 'audit_event_user_time', 'audit_event_actor_time', "
                + "'audit_event_channel_time', 'audit_event_action_time')").query(Integer.class).single()).isEqualTo(5);
        AuditRows rows = new AuditRows(jdbc);
        String run = AuditRows.run();
        Instant day = Instant.parse("2026-11-30T00:00:00Z");
        List<Integer> order = new ArrayList<>(IntStream.range(0, 61).boxed().toList());
        Collections.shuffle(order, new Random(7));
        List<long[]> seeded = new ArrayList<>(); // {epoch micros, id}
        for (int i : order) {
            Instant at = day.plusSeconds(i / 5).plusNanos(654_321_000L); // five to a timestamp, microseconds kept
            long id = rows.add(at, "agent-" + run, "PROFILE_VIEW", "usr-" + (i % 2) + "-" + run, null,
                    i % 3 == 0 ? "proxy" : "widget");
            seeded.add(new long[] {at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000, id});
        }
        seeded.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]).reversed());
        List<Long> expected = seeded.stream().map(r -> r[1]).toList();

        ConsoleSession supervisor = ConsoleSession.signIn(port, "supervisor", "demo-supervisor");
        assertThat(pageThrough(supervisor, "agent=agent-" + run, 7)).containsExactlyElementsOf(expected);
        assertThat(pageThrough(supervisor, "agent=agent-" + run + "&from=" + day.plusSeconds(2) + "&to="
                + day.plusSeconds(5), 4)).hasSize(15); // seconds 2, 3 and 4, five rows each
        assertThat(pageThrough(supervisor, "customer=usr-0-" + run + "&channel=proxy", 3)).hasSize(11)
                .isSubsetOf(expected);

        String next = Http.json(supervisor.get("/api/console/audit?agent=agent-" + run + "&limit=5")).get("next")
                .asString();
        String tampered = next.substring(0, 5) + (next.charAt(5) == 'x' ? 'y' : 'x') + next.substring(6);
        assertThat(supervisor.get("/api/console/audit?agent=agent-" + run + "&cursor=" + tampered).statusCode())
                .isEqualTo(400);

        HttpResponse<String> csv = supervisor.get("/api/console/audit.csv?agent=agent-" + run);
        assertThat(csv.statusCode()).isEqualTo(200);
        List<Long> exported = csv.body().lines().skip(1).map(line -> Long.parseLong(line.split(",", 2)[0])).toList();
        assertThat(exported).containsExactlyElementsOf(expected);
        assertThat(new AuditRows(jdbc).looksWithoutCustomer("supervisor", AuditTrail.AUDIT_EXPORT)).isEqualTo(1);
    }

    private List<Long> pageThrough(ConsoleSession session, String filters, int limit) {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> response = session.get("/api/console/audit?" + filters + "&limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = Http.json(response);
            page.get("items").forEach(item -> seen.add(item.get("id").asLong()));
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
            pages++;
        } while (cursor != null && pages < 100);
        return seen;
    }
}

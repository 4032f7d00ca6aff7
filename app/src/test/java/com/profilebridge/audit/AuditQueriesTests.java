package com.profilebridge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.profilebridge.audit.AuditQueryRejected.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.ActiveProfiles;

/**
 * The audit trail use case on the embedded database: keyset pages that never overlap or skip a row,
 * every filter, the look at the trail audited (and nothing shown when it cannot be), supervisors only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class AuditQueriesTests {

    static final Random random = new Random();
    static final AtomicInteger days = new AtomicInteger();

    @Autowired
    AuditQueries queries;

    @Autowired
    AuditTrail trail;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectProvider<SecurityContextHolderStrategy> strategies;

    SecurityContextHolderStrategy contexts;

    AuditRows rows;
    String run;
    /** A day of its own for this test, years before any row the application writes. */
    Instant day;

    @BeforeEach
    void setUp() {
        contexts = strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        rows = new AuditRows(jdbc);
        run = AuditRows.run();
        day = Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(days.getAndIncrement()));
        signIn("supervisor-" + run, "SUPERVISOR");
    }

    @AfterEach
    void signOut() {
        contexts.clearContext();
    }

    @Test
    void pagesNeverOverlapOrSkipRowsEvenWhenManyShareATimestamp() {
        List<AuditEvent> expected = seedWithSharedTimestamps(137);
        AuditFilter thatDay = new AuditFilter(null, null, null, null, day, day.plus(Duration.ofDays(1)));
        for (int limit : new int[] {1, 6, 7, 10, 50, 136, 137, 500}) {
            List<Long> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                AuditPage page = queries.page(thatDay, cursor, limit);
                assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
                if (page.next() != null) {
                    assertThat(page.items()).as("only the last page is short").hasSize(limit);
                }
                page.items().forEach(e -> seen.add(e.id()));
                cursor = page.next();
                pages++;
            } while (cursor != null && pages <= 200);
            assertThat(seen).as("limit %d", limit).containsExactlyElementsOf(ids(expected));
            assertThat(pages).isEqualTo((137 + limit - 1) / limit);
        }
    }

    @Test
    void rowsWrittenWhilePagingDoNotMoveTheFollowingPages() {
        List<AuditEvent> expected = seedWithSharedTimestamps(40);
        AuditFilter thatDay = new AuditFilter(null, null, null, null, day, day.plus(Duration.ofDays(1)));
        AuditPage first = queries.page(thatDay, null, 10);
        // newer rows arrive, as views go on while a supervisor reads (an OFFSET would shift by 5)
        for (int i = 0; i < 5; i++) {
            rows.add(day.plus(Duration.ofHours(20)), "late-" + run, "PROFILE_VIEW", "usr-" + run, null, "widget");
        }
        List<Long> seen = new ArrayList<>(ids(first.items()));
        String cursor = first.next();
        while (cursor != null && seen.size() < 1_000) {
            AuditPage page = queries.page(thatDay, cursor, 10);
            seen.addAll(ids(page.items()));
            cursor = page.next();
        }
        assertThat(seen).containsExactlyElementsOf(ids(expected));
    }

    @Test
    void everyFilterSelectsExactlyItsRows() {
        String alice = "alice-" + run;
        String bob = "bob-" + run;
        String c1 = "usr-1-" + run;
        String c2 = "usr-2-" + run;
        Instant t = day.plus(Duration.ofHours(9));
        long a = rows.add(t, alice, "PROFILE_VIEW", c1, "conv-a", "widget");
        long b = rows.add(t.plusSeconds(60), alice, "CALLER_VERIFIED", c1, "conv-a", "widget");
        long c = rows.add(t.plusSeconds(120), bob, "PROFILE_VIEW", c2, null, "proxy");
        long d = rows.add(t.plusSeconds(180), bob, "PROFILE_VIEW", c1, null, "console");
        long e = rows.add(t.plusSeconds(3_600), alice, "PROFILE_VIEW", c2, "conv-e", "console");
        Instant from = t;
        Instant to = t.plusSeconds(7_200);

        assertThat(ids(alice, null, null, null, null, null)).containsExactly(e, b, a);
        assertThat(ids(null, c1, null, null, null, null)).containsExactly(d, b, a);
        assertThat(ids(null, null, "proxy", null, from, to)).containsExactly(c);
        assertThat(ids(null, null, "CONSOLE", null, from, to)).as("channel spelled in capitals").containsExactly(e, d);
        assertThat(ids(null, null, null, "caller_verified", from, to)).containsExactly(b);
        assertThat(ids(null, null, null, null, from, to)).containsExactly(e, d, c, b, a);
        assertThat(ids(null, null, null, null, t.plusSeconds(60), t.plusSeconds(180)))
                .as("from included, to excluded").containsExactly(c, b);
        assertThat(ids(bob, c1, null, null, null, null)).containsExactly(d);
        assertThat(ids(alice, c2, "console", "PROFILE_VIEW", from, to)).containsExactly(e);
        assertThat(ids(alice, c2, "widget", null, null, null)).isEmpty();
        assertThat(ids("nobody-" + run, null, null, null, null, null)).isEmpty();
    }

    @Test
    void eachPageAndEachExportIsRecordedAsTheSupervisorWithTheCustomerFilter() {
        String supervisor = "supervisor-" + run;
        String customer = "usr-" + run;
        rows.add(day.plusSeconds(1), "agent-" + run, "PROFILE_VIEW", customer, null, "widget");
        rows.add(day.plusSeconds(2), "agent-" + run, "PROFILE_VIEW", customer, null, "widget");

        AuditFilter ofCustomer = new AuditFilter(null, customer, null, null, null, null);
        AuditPage first = queries.page(ofCustomer, null, 1);
        queries.page(ofCustomer, first.next(), 1);
        assertThat(rows.looks(supervisor, AuditTrail.AUDIT_VIEW, customer)).as("one record per page").isEqualTo(2);

        queries.page(new AuditFilter("agent-" + run, null, null, null, null, null), null, 50);
        assertThat(rows.looksWithoutCustomer(supervisor, AuditTrail.AUDIT_VIEW)).isEqualTo(1);

        AuditExport export = queries.export(ofCustomer);
        assertThat(rows.looks(supervisor, AuditTrail.AUDIT_EXPORT, customer)).as("recorded before a row is read")
                .isEqualTo(1);
        List<AuditEvent> exported = new ArrayList<>();
        assertThat(export.writeTo(exported::add)).isEqualTo(4);
        assertThat(exported).as("the customer's rows, the looks at them included, but not the export itself")
                .extracting(AuditEvent::action, AuditEvent::customer).containsExactly(
                        tuple("AUDIT_VIEW", customer), tuple("AUDIT_VIEW", customer), tuple("PROFILE_VIEW", customer),
                        tuple("PROFILE_VIEW", customer));
        AuditPage recorded = queries.page(new AuditFilter(supervisor, null, null, null, null, null), null, 50);
        assertThat(recorded.items()).extracting(AuditEvent::action)
                .containsExactly("AUDIT_EXPORT", "AUDIT_VIEW", "AUDIT_VIEW", "AUDIT_VIEW");
        assertThat(recorded.items()).extracting(AuditEvent::channel).containsOnly("console");
    }

    @Test
    void nothingIsShownWhenTheLookAtTheTrailCannotBeRecorded() {
        String supervisor = "supervisor-" + run;
        rows.add(day.plusSeconds(1), "agent-" + run, "PROFILE_VIEW", "usr-" + run, null, "widget");
        // the database refuses this supervisor's records (as a full disk or a revoked grant would)
        jdbc.sql("ALTER TABLE audit_event ADD CONSTRAINT audit_test_refuses_" + run.replace('-', '_')
                + " CHECK (actor <> '" + supervisor + "')").update();
        try {
            AuditFilter byAgent = new AuditFilter("agent-" + run, null, null, null, null, null);
            assertThatThrownBy(() -> queries.page(byAgent, null, 50)).isInstanceOf(AuditWriteFailed.class);
            assertThatThrownBy(() -> queries.export(byAgent)).isInstanceOf(AuditWriteFailed.class);
        } finally {
            jdbc.sql("ALTER TABLE audit_event DROP CONSTRAINT audit_test_refuses_" + run.replace('-', '_')).update();
        }
        assertThat(queries.page(new AuditFilter("agent-" + run, null, null, null, null, null), null, 50).items())
                .hasSize(1);
    }

    @Test
    void anExportStopsAtItsRowLimitAndWalksBatchesAcrossSharedTimestamps() {
        List<AuditEvent> expected = seedWithSharedTimestamps(40);
        AuditFilter thatDay = new AuditFilter(null, null, null, null, day, day.plus(Duration.ofDays(1)));
        List<AuditEvent> exported = new ArrayList<>();
        int written = new AuditExport(trail, thatDay, null, 25, 7).writeTo(exported::add);
        assertThat(written).isEqualTo(25);
        assertThat(ids(exported)).containsExactlyElementsOf(ids(expected).subList(0, 25));
        exported.clear();
        assertThat(new AuditExport(trail, thatDay, null, 1_000, 7).writeTo(exported::add)).isEqualTo(40);
        assertThat(ids(exported)).containsExactlyElementsOf(ids(expected));
    }

    @Test
    void aPageSizeOutOfRangeOrACursorOfOtherFiltersIsRejected() {
        seedWithSharedTimestamps(3);
        AuditFilter thatDay = new AuditFilter(null, null, null, null, day, day.plus(Duration.ofDays(1)));
        for (int limit : new int[] {0, -1, 501}) {
            assertThatThrownBy(() -> queries.page(thatDay, null, limit)).isInstanceOfSatisfying(
                    AuditQueryRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_LIMIT));
        }
        String next = queries.page(thatDay, null, 1).next();
        assertThat(next).isNotNull();
        assertThatThrownBy(() -> queries.page(AuditFilter.ALL, next, 1)).isInstanceOfSatisfying(
                AuditQueryRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CURSOR));
    }

    @Test
    void onlySupervisorsReadTheTrail() {
        contexts.clearContext();
        assertThatThrownBy(() -> queries.page(AuditFilter.ALL, null, 1))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        signIn("agent-" + run, "AGENT");
        assertThatThrownBy(() -> queries.page(AuditFilter.ALL, null, 1)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> queries.export(AuditFilter.ALL)).isInstanceOf(AccessDeniedException.class);
        assertThat(rows.looksWithoutCustomer("agent-" + run, AuditTrail.AUDIT_VIEW)).isZero();
        signIn("admin-" + run, "ADMIN", "SUPERVISOR");
        rows.add(day, "agent-" + run, "PROFILE_VIEW", "usr-" + run, null, "widget");
        assertThat(queries.page(new AuditFilter("agent-" + run, null, null, null, null, null), null, 1).items())
                .hasSize(1);
    }

    /** Rows on {@link #day}, seven to a timestamp (with microseconds), inserted out of order; newest first. */
    private List<AuditEvent> seedWithSharedTimestamps(int count) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, count).boxed().toList());
        Collections.shuffle(order, random);
        List<AuditEvent> events = new ArrayList<>();
        for (int i : order) {
            Instant at = day.plusSeconds(i / 7).plusNanos(123_456_000L);
            long id = rows.add(at, "agent-" + run, "PROFILE_VIEW", "usr-" + (i % 5) + "-" + run, null, "widget");
            events.add(new AuditEvent(id, at, "agent-" + run, null, "PROFILE_VIEW", null, null, "widget", null));
        }
        events.sort(Comparator.comparing(AuditEvent::occurredAt).thenComparingLong(AuditEvent::id).reversed());
        assertThat(new HashSet<>(ids(events))).hasSize(count);
        return events;
    }

    private List<Long> ids(String agent, String customer, String channel, String action, Instant from, Instant to) {
        return ids(queries.page(new AuditFilter(agent, customer, channel, action, from, to), null, 500).items());
    }

    private static List<Long> ids(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::id).toList();
    }

    /** Signed in as the console's filter chains would leave it, in the holder method security reads. */
    void signIn(String name, String... roles) {
        Set<String> authorities = new HashSet<>();
        for (String role : roles) {
            authorities.add("ROLE_" + role);
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null,
                AuthorityUtils.createAuthorityList(authorities.toArray(String[]::new))));
        contexts.setContext(context);
    }
}

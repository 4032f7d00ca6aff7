package com.profilebridge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.support.ScratchDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Audit trail paging over 100,000 rows on the machine's PostgreSQL (a database of its own, V1-V4
 * applied by the app): the first page, a page 90,000 rows deep by cursor, first and deep pages of
 * one agent, a customer's page, a day's page, and OFFSET at the same depths for comparison. Each
 * keyset case is timed twice: the query alone and the whole use case (query plus the AUDIT_VIEW row
 * it writes). Prints a Markdown table and the EXPLAIN (ANALYZE, BUFFERS) of each query to
 * {@code app/target/audit-paging-benchmark.md}.
 *
 * <p>Not part of the test suite (the name does not end in Tests): {@code bench/audit-paging.sh}, or
 * {@code -Dtest=AuditPagingBenchmark}; {@code -Daudit.bench.rows=1000000} for a bigger table. The
 * figures are in docs/BENCHMARKS.md. It asserts behaviour only (a deep keyset page holds the same
 * rows as OFFSET at that depth), never a time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class AuditPagingBenchmark {

    static final int ROWS = Integer.getInteger("audit.bench.rows", 100_000);
    static final int DEPTH = ROWS * 9 / 10;
    static final int PAGE = 50;
    static final int WARM_UP = 200;
    static final int MEASURED = 1_000;
    static final ScratchDatabase database = ScratchDatabase.create();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        database.register(registry);
    }

    @AfterAll
    static void dropDatabase() {
        database.drop();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditQueries queries;

    @Autowired
    ObjectProvider<SecurityContextHolderStrategy> strategies;

    final StringBuilder plans = new StringBuilder();

    @Test
    void pagesOverAHundredThousandRows() throws IOException {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        Instant start = end.minus(Duration.ofDays(90));
        seed(start, end);
        signIn();

        AuditFilter all = AuditFilter.ALL;
        AuditFilter agent = new AuditFilter("agent-017", null, null, null, null, null);
        AuditFilter customer = new AuditFilter(null, "usr_00042", null, null, null, null);
        Instant day = start.plus(Duration.ofDays(45));
        AuditFilter oneDay = new AuditFilter(null, null, null, null, day, day.plus(Duration.ofDays(1)));
        AuditFilter console = new AuditFilter(null, null, "console", null, null, null);
        AuditFilter verified = new AuditFilter(null, null, null, "CALLER_VERIFIED", null, null);
        int agentRows = count("actor = 'agent-017'");
        int agentDepth = agentRows - 60;

        AuditCursor deep = cursorAt(all, DEPTH);
        AuditCursor agentDeep = cursorAt(agent, agentDepth);
        assertThat(ids(trail(all, deep))).as("keyset and OFFSET agree at depth %d", DEPTH)
                .isEqualTo(offsetIds("", DEPTH));
        assertThat(ids(trail(agent, agentDeep))).isEqualTo(offsetIds("WHERE actor = 'agent-017'", agentDepth));

        int seeded = count("1 = 1");
        List<Case> cases = List.of(
                Case.keyset("first page, no filter", all, null),
                Case.keyset("page " + thousands(DEPTH) + " rows deep, by cursor", all, deep),
                Case.offset("same page by OFFSET " + thousands(DEPTH), "", DEPTH),
                Case.keyset("agent (" + agentRows + " rows): first page", agent, null),
                Case.keyset("agent: last page, by cursor (" + agentDepth + " deep)", agent, agentDeep),
                Case.offset("agent: same page by OFFSET " + agentDepth, "WHERE actor = 'agent-017'", agentDepth),
                Case.keyset("customer (" + count("cdp_user_id = 'usr_00042'") + " rows)", customer, null),
                Case.keyset("one day (" + count("occurred_at >= '" + day + "' AND occurred_at < '"
                        + day.plus(Duration.ofDays(1)) + "'") + " rows): first page", oneDay, null),
                Case.keyset("channel console: first page", console, null),
                Case.keyset("action CALLER_VERIFIED: first page", verified, null));
        // plans and query times first, on the seeded rows alone: each use-case call below adds an
        // AUDIT_VIEW row (with the customer filter as its customer), as it does in production
        cases.forEach(this::explain);
        List<String> queryTimes = cases.stream().map(c -> percentiles(c.offsetWhere() == null
                ? time(() -> trail(c.filter(), c.after()), WARM_UP, MEASURED)
                : time(() -> offsetIds(c.offsetWhere(), c.depth()), 20, 200))).toList();
        List<String> useCaseTimes = cases.stream().map(c -> c.offsetWhere() != null ? "—" : percentiles(time(
                () -> queries.page(c.filter(), c.after() == null ? null : c.after().encode(c.filter()), PAGE).items(),
                WARM_UP, MEASURED))).toList();
        StringBuilder report = new StringBuilder(
                "| case | query p50 / p95 / p99 (ms) | use case with its audit row p50 / p95 / p99 (ms) |\n|---|---:|---:|\n");
        for (int i = 0; i < cases.size(); i++) {
            report.append("| ").append(cases.get(i).name()).append(" | ").append(queryTimes.get(i)).append(" | ")
                    .append(useCaseTimes.get(i)).append(" |\n");
        }

        String sizes = jdbc.sql("""
                SELECT string_agg(c.relname || ' ' || pg_size_pretty(pg_relation_size(c.oid)), ', ' ORDER BY c.relname)
                  FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
                 WHERE i.indrelid = 'audit_event'::regclass""").query(String.class).single();
        String text = "Audit paging benchmark: " + thousands(seeded) + " rows in audit_event ("
                + jdbc.sql("SELECT pg_size_pretty(pg_relation_size('audit_event'))").query(String.class).single()
                + "), " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu() + "), "
                + jdbc.sql("SELECT version()").query(String.class).single() + "\nIndexes: " + sizes + "\n"
                + WARM_UP + " warm-up and " + MEASURED + " measured calls per keyset case (OFFSET: 20 and 200), "
                + "page size " + PAGE + " (each query reads " + (PAGE + 1)
                + " rows: the extra one says whether there is a next page), one thread; "
                + thousands(count("1 = 1") - seeded) + " AUDIT_VIEW rows written by the use-case calls.\n\n"
                + report + "\n## EXPLAIN (ANALYZE, BUFFERS)\n\n" + plans;
        Path out = Path.of("target/audit-paging-benchmark.md");
        Files.writeString(out, text);
        System.out.println(text);
        strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy).clearContext();
    }

    /** Rows spread over 90 days, three to a timestamp, 200 agents, 20,000 customers, three channels. */
    private void seed(Instant start, Instant end) {
        long span = Duration.between(start, end).toSeconds();
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, organization, action, cdp_user_id, interaction_id, channel, correlation_id)
                SELECT CAST(:start AS TIMESTAMP WITH TIME ZONE) + ((g / 3) * :step) * INTERVAL '1 second',
                       'agent-' || lpad(((g::bigint * 7919) % 200)::text, 3, '0'),
                       'org-1',
                       CASE WHEN g % 100 = 0 THEN 'AUDIT_VIEW' WHEN g % 25 = 1 THEN 'CALLER_VERIFIED' ELSE 'PROFILE_VIEW' END,
                       'usr_' || lpad(((g::bigint * 104729) % 20000)::text, 5, '0'),
                       md5('conversation' || g)::uuid::text,
                       CASE g % 10 WHEN 0 THEN 'console' WHEN 1 THEN 'proxy' WHEN 2 THEN 'proxy' ELSE 'widget' END,
                       md5('request' || g)::uuid::text
                  FROM generate_series(0, :last) AS g""")
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("step", span * 3 / ROWS)
                .param("last", ROWS - 1)
                .update();
        jdbc.sql("VACUUM ANALYZE audit_event").update();
    }

    /** One measured case: a keyset page (filter, cursor) or an OFFSET page (where, depth). */
    record Case(String name, AuditFilter filter, @Nullable AuditCursor after, @Nullable String offsetWhere, int depth) {

        static Case keyset(String name, AuditFilter filter, @Nullable AuditCursor after) {
            return new Case(name, filter, after, null, 0);
        }

        static Case offset(String name, String where, int depth) {
            return new Case(name, AuditFilter.ALL, null, where, depth);
        }

        AuditTrail.Select select() {
            return offsetWhere == null ? AuditTrail.select(filter, after, PAGE + 1)
                    : new AuditTrail.Select(offsetSql(offsetWhere), Map.of("depth", depth, "limit", PAGE + 1));
        }
    }

    private List<AuditEvent> trail(AuditFilter filter, @Nullable AuditCursor after) {
        AuditTrail.Select select = AuditTrail.select(filter, after, PAGE + 1);
        return jdbc.sql(select.sql()).params(select.params())
                .query((rs, row) -> new AuditEvent(rs.getLong("id"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                        rs.getString("organization"), rs.getString("action"), rs.getString("cdp_user_id"),
                        rs.getString("interaction_id"), rs.getString("channel"), rs.getString("correlation_id")))
                .list();
    }

    private List<Long> offsetIds(String where, int depth) {
        return jdbc.sql(offsetSql(where)).param("depth", depth).param("limit", PAGE + 1).query(Long.class).list();
    }

    private static String offsetSql(String where) {
        return "SELECT id FROM audit_event " + where + " ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :depth";
    }

    /** The cursor after the row at this 0-based position in the filter's order (so the next page starts there). */
    private AuditCursor cursorAt(AuditFilter filter, int position) {
        AuditTrail.Select select = AuditTrail.select(filter, null, position);
        List<AuditEvent> rows = new ArrayList<>();
        jdbc.sql(select.sql()).params(select.params()).query(rs -> {
            rows.clear(); // keep only the last row read: the position-th
            rows.add(new AuditEvent(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class)
                    .toInstant(), "", null, "", null, null, "", null));
        });
        return AuditCursor.after(rows.getLast());
    }

    private void explain(Case c) {
        AuditTrail.Select select = c.select();
        List<String> plan = jdbc.sql("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + select.sql()).params(select.params())
                .query(String.class).list();
        plans.append("### ").append(c.name()).append("\n\n```\n").append(String.join("\n", plan)).append("\n```\n\n");
    }

    private int count(String where) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE " + where).query(Integer.class).single();
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("cpu unknown");
        } catch (IOException e) {
            return "cpu unknown";
        }
    }

    private static String thousands(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static List<Long> ids(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::id).toList();
    }

    private static long[] time(Supplier<?> call, int warmUp, int measured) {
        for (int i = 0; i < warmUp; i++) {
            call.get();
        }
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            long t0 = System.nanoTime();
            call.get();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static String percentiles(long[] sorted) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.95)] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
    }

    private void signIn() {
        SecurityContextHolderStrategy contexts = strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("bench-supervisor", null,
                AuthorityUtils.createAuthorityList("ROLE_SUPERVISOR")));
        contexts.setContext(context);
    }
}

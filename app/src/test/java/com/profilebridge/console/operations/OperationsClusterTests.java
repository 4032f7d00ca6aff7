package com.profilebridge.console.operations;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ScreenshotAnimations;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.profilebridge.support.Browser;
import com.profilebridge.support.ConsoleSession;
import com.profilebridge.support.Http;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations page of a cluster: the application with the Redis cache on (so its operations
 * history is shared through the machine's Redis on 127.0.0.1:6379, under a key prefix of its own)
 * and two more "instances" writing their histories to the same keys, as other pods would: one
 * failing part of its CDP calls right now (degraded), one that stopped twelve minutes ago (not
 * reporting). Whichever instance serves the page shows all three, merged in the charts and one by
 * one in the list. The histories are made up here, an hour of 10-second samples each (a quiet
 * morning, then an outage of the CDP seen by one pod), so the screenshots show what a real hour
 * would; they are the README's operations screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.cache.redis.enabled=true",
        "bridge.cache.redis.key-secret=operations-cluster-test-key-secret",
        "spring.data.redis.host=127.0.0.1",
        "spring.data.redis.port=6379",
        "bridge.operations.instance-name=" + OperationsClusterTests.SELF,
        "bridge.outcomes.delivery.enabled=false"})
@ActiveProfiles({"demo", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsClusterTests {

    static final String SELF = "bridge-7d9f6-x2klp";
    static final String DEGRADED = "bridge-7d9f6-q8wzt";
    static final String STOPPED = "bridge-7d9f6-m4rnc";
    static final String PREFIX = "pb-test-" + UUID.randomUUID().toString().substring(0, 8) + ":profile:";
    /** The latency histogram's bucket bounds (ms), a subset of Micrometer's, the same on every pod. */
    static final double[] BOUNDS = {5, 10, 20, 30, 40, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000, 30_000};

    Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    OperationsHistory history;

    @Autowired
    OperationsSampler sampler;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void keyPrefix(DynamicPropertyRegistry registry) {
        registry.add("bridge.cache.redis.key-prefix", () -> PREFIX);
    }

    @BeforeAll
    void launch() {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        browser = Browser.chromium();
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.close();
        }
        Set<String> keys = redis.keys(PREFIX.replace("profile:", "") + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    @Test
    void theSnapshotShowsEveryInstanceMergedAndEachOnesHealth() {
        seedOnce();
        ConsoleSession supervisor = ConsoleSession.signIn(port, "supervisor", "demo-supervisor");

        JsonNode snapshot = Http.json(supervisor.get("/api/console/operations/snapshot"));

        assertThat(snapshot.path("scope").asString()).isEqualTo("ALL_INSTANCES");
        assertThat(snapshot.path("instance").asString()).isEqualTo(SELF);
        List<String> names = new ArrayList<>();
        snapshot.path("instances").forEach(i -> names.add(i.path("name").asString() + "=" + i.path("health").asString()));
        // this instance first, then the others by name
        assertThat(names).containsExactly(SELF + "=OK", STOPPED + "=NOT_REPORTING", DEGRADED + "=DEGRADED");
        // one merged sample per 10 s over the hour, its calls the three pods' sum
        JsonNode samples = snapshot.path("samples");
        assertThat(samples.size()).isBetween(355, 362);
        JsonNode early = samples.get(10);
        assertThat(early.path("cdpCalls").asLong()).as("three pods' calls").isGreaterThan(10);
        assertThat(snapshot.path("transitions").get(0).path("instance").asString()).isEqualTo(DEGRADED);
        assertThat(snapshot.path("healthRules").path("silentAfter").asString()).isEqualTo("PT30S");
    }

    @Test
    void theClusterPageInEnglishAndGerman() {
        seedOnce();
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = signIn(context, "admin", "demo-admin");
            page.navigate("http://localhost:" + port + "/console/operations");
            assertThat(page.locator("#ops-scope")).containsText("3 instances · this page from " + SELF);
            Locator list = page.locator("#ops-instances");
            assertThat(list).containsText(SELF + " (this page)");
            assertThat(list).containsText("Degraded");
            assertThat(list).containsText("Not reporting");
            assertThat(page.locator("#figure-breaker")).containsText("Closed");
            assertThat(page.locator("#chart-breaker-box svg")).containsText(DEGRADED);
            assertThat(page.locator("#breaker-transitions")).containsText(DEGRADED);
            assertThat(page.locator("#chart-latency-box svg path.pb-ops-line").first()).isAttached();
            assertThat(page.locator("#operations")).not().containsText("!console.");
            screenshot(page, "console-operations-en.png");
        }
        try (BrowserContext context = browser.newContext(1440, 900)) {
            Page page = signIn(context, "admin", "demo-admin");
            page.navigate("http://localhost:" + port + "/console/operations");
            page.locator("#console-language").click();
            page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText("Deutsch")).first().click();
            assertThat(page.locator("h1")).hasText("Betrieb");
            assertThat(page.locator("#ops-scope")).containsText("3 Instanzen · diese Seite von " + SELF);
            assertThat(page.locator("#ops-instances")).containsText("Beeinträchtigt");
            assertThat(page.locator("#ops-instances")).containsText("Meldet sich nicht");
            assertThat(page.locator("#operations")).not().containsText("!console.");
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            screenshot(page, "console-operations-de.png");
        }
    }

    private boolean seeded;

    /** An hour of three pods, written once for both tests. */
    private synchronized void seedOnce() {
        if (seeded) {
            return;
        }
        sampler.stop(); // this instance's real sampler would add its own (idle) samples between the made-up ones
        Clock clock = Clock.systemUTC();
        Duration interval = Duration.ofSeconds(10);
        Instant last = ClusterMerge.boundary(clock.instant().minusSeconds(5), interval);
        Instant first = last.minus(Duration.ofMinutes(59)).minusSeconds(50);
        String prefix = PREFIX.replace("profile:", "operations:");
        OperationsProperties settings = new OperationsProperties(interval, Duration.ofHours(1), 50, "");
        RedisOperationsHistory degraded = new RedisOperationsHistory(redis, json, prefix,
                new OperationsInstance(UUID.randomUUID().toString(), DEGRADED), settings, clock);
        RedisOperationsHistory stopped = new RedisOperationsHistory(redis, json, prefix,
                new OperationsInstance(UUID.randomUUID().toString(), STOPPED), settings, clock);
        Random random = new Random(20261201);
        State breaker = State.CLOSED;
        for (Instant at = first; !at.isAfter(last); at = at.plus(interval)) {
            long minutesAgo = Duration.between(at, last).toMinutes();
            // 24-19 minutes ago the CDP answers slowly and then not at all for pod q8wzt's calls (its zone's
            // network path); its breaker opens, tries again half-open, and closes; now it fails some calls again
            boolean slow = minutesAgo <= 24 && minutesAgo > 21;
            boolean down = minutesAgo <= 21 && minutesAgo > 19;
            if (down && breaker == State.CLOSED) {
                degraded.record(new BreakerTransition(at.minusSeconds(7), State.CLOSED, State.OPEN));
            } else if (down && at.equals(last.minus(Duration.ofMinutes(20)))) {
                // the first trial calls after the wait fail: open again
                degraded.record(new BreakerTransition(at.minusSeconds(6), State.OPEN, State.HALF_OPEN));
                degraded.record(new BreakerTransition(at.minusSeconds(5), State.HALF_OPEN, State.OPEN));
            } else if (!down && breaker == State.OPEN) {
                degraded.record(new BreakerTransition(at.minusSeconds(6), State.OPEN, State.HALF_OPEN));
                degraded.record(new BreakerTransition(at.minusSeconds(3), State.HALF_OPEN, State.CLOSED));
            }
            breaker = down ? State.OPEN : State.CLOSED;
            history.record(sample(random, at, 40, 0.0, 38, State.CLOSED, minutesAgo));
            // failing more and more until the breaker opens; while it is open, lookups are answered stale
            double failing = minutesAgo == 22 ? 0.6 : slow ? 0.15 : minutesAgo < 4 ? 0.08 : 0.003;
            degraded.record(sample(random, at, 40, failing, slow ? 320 : 45, breaker, minutesAgo));
            if (minutesAgo >= 12) {
                stopped.record(sample(random, at, 30, 0.002, 41, State.CLOSED, minutesAgo));
            }
        }
        deadLetter("usr_00091", "conv-ops-2c41a", "CDP answered HTTP 400: unknown trait tier_code");
        deadLetter("usr_00093", "conv-ops-2c9e0", "CDP answered HTTP 400: unknown trait tier_code");
        parked("conv-ops-31f07");
        parked("conv-ops-3208b");
        seeded = true;
    }

    /**
     * One pod's interval: {@code lookups}-ish cache lookups (a quarter of them miss and call the CDP),
     * latencies around {@code typicalMs}, {@code failing} of the calls failed.
     */
    private static Sample sample(Random random, Instant at, int lookups, double failing, double typicalMs, State breaker,
            long minutesAgo) {
        int seen = lookups == 0 ? 0 : lookups - 6 + random.nextInt(13);
        long misses = Math.round(seen * (0.2 + random.nextDouble() * 0.1));
        long stale = breaker == State.OPEN ? Math.round(seen * 0.35) : failing > 0.5 ? Math.round(seen * 0.2) : 0;
        long hits = Math.max(0, seen - misses - stale);
        long calls = breaker == State.OPEN ? 0 : misses;
        long failures = Math.round(calls * failing);
        SortedMap<Double, Long> buckets = new TreeMap<>();
        double total = 0;
        for (int i = 0; i < calls; i++) {
            double ms = failures > 0 && i < failures ? 1000 : Math.max(3, typicalMs * (0.6 + random.nextGaussian() * 0.25
                    + (random.nextInt(20) == 0 ? 2.5 : 0)));
            total += ms;
            for (double bound : BOUNDS) {
                if (ms <= bound) {
                    buckets.merge(bound, 1L, Long::sum);
                    break;
                }
            }
        }
        NavigableMap<Double, Double> cumulative = new TreeMap<>();
        double count = 0;
        for (double bound : BOUNDS) {
            count += buckets.getOrDefault(bound, 0L);
            cumulative.put(bound, count);
        }
        // the outcomes pod q8wzt could not deliver pile up, then drain; none are waiting now (as the database says)
        long backlog = minutesAgo <= 21 && minutesAgo > 16 ? 8 + random.nextInt(25) : minutesAgo < 2 ? 0 : random.nextInt(4);
        return new Sample(at, Duration.ofSeconds(10), calls, failures, breaker == State.OPEN ? misses : 0,
                calls == 0 ? null : (double) failures / calls, calls == 0 ? null : total / calls,
                MeterReadings.quantile(cumulative, calls, 0.5), MeterReadings.quantile(cumulative, calls, 0.95),
                hits, stale, misses, breaker, backlog, backlog == 0 ? 0L : 4L + random.nextInt(20), 2L, 2L,
                MeterReadings.perBucket(cumulative));
    }

    private void deadLetter(String user, String interaction, String error) {
        insert(interaction, user, "DEAD", 10, error);
    }

    private void parked(String interaction) {
        insert(interaction, null, "UNATTRIBUTED", 0, null);
    }

    private void insert(String interaction, String user, String status, int attempts, String error) {
        Timestamp at = Timestamp.from(Instant.now().minusSeconds(600));
        jdbc.sql("""
                INSERT INTO outbox_message (message_id, interaction_id, revision, cdp_user_id, event_name, event_time,
                                            payload, status, attempts, available_at, last_error, created_at)
                VALUES (:id, :interaction, 1, :user, 'Interaction Completed', :at, '{"disposition":"Resolved"}',
                        :status, :attempts, :at, :error, :at)""")
                .param("id", "pb-ops-" + UUID.randomUUID().toString().substring(0, 8) + "-r1")
                .param("interaction", interaction).param("user", user).param("status", status)
                .param("attempts", attempts).param("error", error).param("at", at)
                .update();
    }

    /** The whole page: the console scrolls inside its layout, so the window is made as tall as the page. */
    private static void screenshot(Page page, String name) {
        int width = page.viewportSize().width;
        int height = page.viewportSize().height;
        int content = ((Number) page.evaluate("() => document.getElementById('operations').scrollHeight")).intValue();
        page.setViewportSize(width, Math.max(height, content + 80));
        // once Vaadin has no round trip under way, so no progress bar is in the picture
        page.waitForFunction("() => Object.values(window.Vaadin.Flow.clients).every(client => !client.isActive())");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/" + name))
                .setAnimations(ScreenshotAnimations.DISABLED));
        page.setViewportSize(width, height);
    }

    private Page signIn(BrowserContext context, String user, String password) {
        Page page = context.newPage();
        page.navigate("http://localhost:" + port + "/login");
        page.locator("input[name=username]").fill(user);
        page.locator("input[name=password]").fill(password);
        page.locator("vaadin-button[slot=submit], button[type=submit]").first().click();
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }
}

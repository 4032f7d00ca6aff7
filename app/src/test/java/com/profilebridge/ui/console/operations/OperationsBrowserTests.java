package com.profilebridge.ui.console.operations;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpDelivery;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.cdp.CdpUnavailable;
import com.profilebridge.support.Browser;
import com.profilebridge.support.Http;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The operations page in a real Chromium with the demo form logins: charts fed by real traffic (IVR
 * resolves with the demo caller, two CDP failures, breaker transitions) that update without a click;
 * a supervisor sees everything and can act on nothing; an admin replays a dead letter and attributes
 * a parked outcome, and both reach the (demo) CDP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class OperationsBrowserTests {

    static Browser browser;

    /** The demo CDP, failing the next lookups on request: the error-rate chart needs failures. */
    @TestConfiguration
    static class Failures {
        @Bean
        @Primary
        FlakyCdp flakyCdp(@Qualifier("demoCdp") CdpClient demo) {
            return new FlakyCdp(demo);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    FlakyCdp cdp;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @BeforeAll
    static void launch() {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000); // a sample every 10 s, a poll every 5 s
        browser = Browser.chromium();
    }

    @AfterAll
    static void close() {
        if (browser != null) { // null when Chromium could not start: keep that error the only one
            browser.close();
        }
    }

    @Test
    void anAgentCannotOpenTheOperationsPageNorTheOldSupervisorPage() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = signIn(context, "agent", "demo-agent");
            for (String path : List.of("/console/operations", "/supervisor")) {
                page.navigate(base() + path);
                assertThat(page.locator("body")).containsText("No console role");
                assertThat(page.locator("#operations")).hasCount(0);
            }
        }
    }

    @Test
    void aSupervisorSeesLiveChartsThatUpdateWithoutAClickButNoActions() {
        String dead = deadLetter("usr_00063", "conv-ops-supervisor");
        traffic();
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = signIn(context, "supervisor", "demo-supervisor");
            page.navigate(base() + "/supervisor"); // the old address forwards to the operations page
            page.waitForURL("**/console/operations");
            Locator scope = page.locator("#ops-scope");
            assertThat(scope).containsText("Instance");
            String before = scope.innerText();
            // nothing is clicked from here on: the page polls and redraws by itself
            assertThat(scope).not().hasText(before);
            assertThat(scope).containsText("last sample");

            assertChartsHaveData(page);
            assertThat(page.locator("#figure-breaker")).containsText("Closed");
            assertThat(page.locator("#breaker-transitions")).containsText("Closed → Open");
            assertThat(page.locator("#breaker-transitions")).containsText("Half-open → Closed");
            assertThat(page.locator("#dead-letters")).containsText("conv-ops-supervisor");
            assertThat(page.locator("#dead-letters")).containsText("CDP answered HTTP 503");

            assertThat(page.locator("#ops-read-only")).isVisible();
            assertThat(page.locator("#replay-all")).hasCount(0);
            assertThat(page.getByLabel("Replay the outcome of conv-ops-supervisor")).hasCount(0);
            assertThat(page.locator("#unattributed vaadin-button")).hasCount(0);
        }
        assertThat(status(dead)).isEqualTo("DEAD");
    }

    @Test
    void anAdminReplaysADeadLetterAndAttributesAParkedOutcomeAndBothReachTheCdp() {
        String dead = deadLetter("usr_00061", "conv-ops-dead");
        String orphan = "conv-ops-orphan-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> parked = new Http(port).post("/v1/interactions/track", "application/json", """
                {"conversationId":"%s","userId":"null","interactionType":"voice","outcome":"Callback promised",
                 "duration":120,"agentId":"agent-7","timestamp":"%s"}""".formatted(orphan, Instant.now()),
                Http.DEMO_CALLER);
        assertThat(Http.json(parked).path("status").asString()).isEqualTo("unattributed");
        int audited = audit.count("OUTCOME_ATTRIBUTED", "usr_00062");
        traffic();

        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = signIn(context, "admin", "demo-admin");
            page.navigate(base() + "/console/operations");
            assertThat(page.locator("#dead-letters")).containsText("conv-ops-dead");
            assertThat(page.locator("#unattributed")).containsText(orphan);
            assertChartsHaveData(page);
            screenshot(page, "console-operations-embedded-en.png");

            Locator deadLetters = page.locator("#figure-dead .pb-ops-figure-value");
            int before = Integer.parseInt(deadLetters.innerText().replaceAll("\\D", ""));
            page.getByLabel("Replay the outcome of conv-ops-dead").click();
            assertThat(deadLetters).hasText(Integer.toString(before - 1));
            assertThat(page.locator("vaadin-notification-card").first()).containsText("Queued for delivery again");
            // vaadin-grid keeps spare row elements: a removed row is hidden, not always gone from the DOM
            assertThat(page.getByLabel("Replay the outcome of conv-ops-dead")).isHidden();

            page.getByLabel("Attribute the outcome of " + orphan + " to a customer").click();
            Locator customer = page.locator("#attribution-user input");
            customer.fill("not a customer!");
            page.locator("#attribution-confirm").click();
            assertThat(page.locator("#attribution-user")).containsText("Enter a CDP customer id");
            customer.fill("usr_99999999");
            page.locator("#attribution-confirm").click();
            assertThat(page.locator("#attribution-user")).containsText("has no customer with this id");
            customer.fill("usr_00062");
            page.locator("#attribution-confirm").click();
            assertThat(page.locator("#attribution-dialog")).hasCount(0);
            assertThat(page.getByLabel("Attribute the outcome of " + orphan + " to a customer")).isHidden();
        }
        assertThat(audit.count("OUTCOME_ATTRIBUTED", "usr_00062")).isEqualTo(audited + 1);
        // the delivery worker sends both: the replay at once, the attributed outcome after its settle window
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomesOf("usr_00061").contains("Replayed from the console")
                && outcomesOf("usr_00062").contains("Callback promised"));
        assertThat(status(dead)).isEqualTo("DELIVERED");
    }

    @Test
    void theGermanPageOnA13InchLaptop() {
        deadLetter("usr_00064", "conv-ops-de");
        parkedRow("conv-ops-de-parked");
        traffic();
        try (BrowserContext context = browser.newContext(1440, 900)) {
            Page page = signIn(context, "admin", "demo-admin");
            page.navigate(base() + "/console/operations");
            page.locator("#console-language").click();
            page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText("Deutsch")).first().click();
            assertThat(page.locator("h1")).hasText("Betrieb");
            assertThat(page.locator("#ops-scope")).containsText("Instanz");
            assertThat(page.locator("#chart-latency-box svg title")).hasText("CDP-Antwortzeit");
            assertThat(page.locator("#ops-dead-letters")).containsText("Erneut senden");
            assertThat(page.locator("#unattributed")).containsText("Zuordnen…");
            assertChartsHaveData(page);
            assertThat(page.locator("#operations")).not().containsText("!console.");
            // nothing wider than the window: no sideways scrolling at 1440 px
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            screenshot(page, "console-operations-embedded-de.png");
        }
    }

    /** The whole page: the console scrolls inside its layout, so the window is made as tall as the page for the shot. */
    private static void screenshot(Page page, String name) {
        int width = page.viewportSize().width;
        int height = page.viewportSize().height;
        int content = ((Number) page.evaluate("() => document.getElementById('operations').scrollHeight")).intValue();
        page.setViewportSize(width, Math.max(height, content + 80));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/" + name)));
        page.setViewportSize(width, height);
    }

    /** Every chart drew a line from samples (the first sample follows 10 s after start). */
    private static void assertChartsHaveData(Page page) {
        for (String chart : List.of("latency", "errors", "cache", "backlog")) {
            assertThat(page.locator("#chart-" + chart + "-box svg path.pb-ops-line").first()).isAttached();
        }
        assertThat(page.locator("#chart-cache-box svg path.pb-ops-hit").first()).isAttached();
        // a line is drawn, not filled (a filled line of shares paints a triangle over the chart)
        assertThat(page.locator("#chart-cache-box svg path.pb-ops-line").first().evaluate("e => getComputedStyle(e).fill"))
                .isEqualTo("none");
        assertThat(page.locator("#chart-breaker-box svg rect.pb-ops-band-closed").first()).isAttached();
        assertThat(page.locator("#operations")).not().containsText("!console.");
    }

    /**
     * IVR resolves with the demo caller: misses that call the CDP, hits, two lookups the CDP fails,
     * and the breaker opened and closed again (as an outage and its recovery would).
     */
    private void traffic() {
        Http http = new Http(port);
        int base = 100 + (int) (Math.random() * 9000);
        for (int i = 0; i < 4; i++) {
            String body = "{\"identifier\":\"+1555100%04d\"}".formatted(base + i);
            assertThat(http.resolveJson(body).statusCode()).isEqualTo(200);
            assertThat(http.resolveJson(body).statusCode()).isEqualTo(200);
        }
        cdp.failNext(2);
        for (int i = 4; i < 6; i++) {
            assertThat(http.resolveJson("{\"identifier\":\"+1555100%04d\"}".formatted(base + i)).statusCode()).isEqualTo(200);
        }
        CircuitBreaker breaker = breakers.circuitBreaker(cdp.breakerName());
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();
        breaker.transitionToClosedState();
    }

    private String deadLetter(String user, String interaction) {
        String id = "pb-ops-" + UUID.randomUUID().toString().substring(0, 8) + "-r1";
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO outbox_message (message_id, interaction_id, revision, cdp_user_id, event_name, event_time,
                                            payload, status, attempts, available_at, last_error, created_at)
                VALUES (:id, :interaction, 1, :user, 'Interaction Completed', :at,
                        '{"disposition":"Replayed from the console","channel":"voice"}', 'DEAD', 10, :at,
                        'CDP answered HTTP 503', :at)""")
                .param("id", id).param("interaction", interaction).param("user", user).param("at", now)
                .update();
        return id;
    }

    private void parkedRow(String interaction) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO outbox_message (message_id, interaction_id, revision, event_name, event_time, payload, status,
                                            attempts, available_at, created_at)
                VALUES (:id, :interaction, 1, 'Interaction Completed', :at, '{"disposition":"Sale"}', 'UNATTRIBUTED', 0,
                        :at, :at)""")
                .param("id", "pb-ops-" + UUID.randomUUID().toString().substring(0, 8) + "-r1")
                .param("interaction", interaction).param("at", now)
                .update();
    }

    private String status(String messageId) {
        return jdbc.sql("SELECT status FROM outbox_message WHERE message_id = :id").param("id", messageId)
                .query(String.class).single();
    }

    private List<String> outcomesOf(String user) {
        return cdp.profile(user).orElseThrow().recentInteractions().stream().map(CdpProfile.Interaction::outcome).toList();
    }

    private Page signIn(BrowserContext context, String user, String password) {
        Page page = context.newPage();
        page.navigate(base() + "/login");
        page.locator("input[name=username]").fill(user);
        page.locator("input[name=password]").fill(password);
        page.locator("vaadin-button[slot=submit], button[type=submit]").first().click();
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** The demo CDP behind the port, with lookups that fail on request. */
    static final class FlakyCdp implements CdpClient {

        private final CdpClient demo;
        private final AtomicInteger failures = new AtomicInteger();

        FlakyCdp(CdpClient demo) {
            this.demo = demo;
        }

        void failNext(int lookups) {
            failures.set(lookups);
        }

        @Override
        public String name() {
            return demo.name();
        }

        @Override
        public CdpMatches lookup(CdpIdentifier identifier) {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new CdpUnavailable("injected outage");
            }
            return demo.lookup(identifier);
        }

        @Override
        public Optional<CdpProfile> profile(String userId) {
            return demo.profile(userId);
        }

        @Override
        public void track(CdpTrackEvent event) {
            demo.track(event);
        }

        @Override
        public Map<String, CdpDelivery> publish(List<CdpTrackEvent> events) {
            return demo.publish(events);
        }

        @Override
        public int maxBatchEvents() {
            return demo.maxBatchEvents();
        }

        @Override
        public boolean ping() {
            return demo.ping();
        }
    }
}

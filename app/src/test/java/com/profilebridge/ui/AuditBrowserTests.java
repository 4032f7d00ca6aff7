package com.profilebridge.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ScreenshotAnimations;
import com.profilebridge.support.Browser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The audit trail view in a real Chromium with the demo supervisor login: filters, pages forward
 * and back by cursor, times in the viewer's zone and UTC, the CSV download, every page shown
 * audited; English at 1280 px and German on a 13-inch laptop (1440x900).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class AuditBrowserTests {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @BeforeAll
    static void launch() {
        browser = Browser.chromium();
    }

    @AfterAll
    static void close() {
        if (browser != null) { // null when Chromium could not start: keep that error the only one
            browser.close();
        }
    }

    @Test
    void aSupervisorFiltersPagesForwardAndBackAndDownloadsTheCsv() throws IOException {
        String agent = "agent-ui-" + UUID.randomUUID().toString().substring(0, 6);
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
        List<String> interactions = seed(agent, start, 120); // newest first
        int looksBefore = looks("AUDIT_VIEW");
        int exportsBefore = looks("AUDIT_EXPORT");

        try (BrowserContext context = browser.newContext(1280, 900, BERLIN)) {
            Page page = signIn(context);
            page.navigate(base() + "/console/audit");
            assertThat(page.locator("#audit-zone")).containsText("Europe/Berlin");
            page.locator("#audit-agent input").fill(agent);
            page.locator("#audit-apply").click();
            assertThat(page.locator("#audit-grid")).containsText(interactions.getFirst());
            assertThat(page.locator("#audit-grid")).containsText(berlin(start.plus(Duration.ofMinutes(119))));
            assertThat(page.locator("#audit-grid")).containsText(
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC)
                            .format(start.plus(Duration.ofMinutes(119))));
            assertThat(page.locator("#audit-page")).hasText("Page 1");
            assertThat(page.locator("#audit-grid")).hasJSProperty("size", 50);
            assertThat(page.locator("#audit-previous")).isDisabled();
            page.screenshot(screenshot(page, "console-audit-en.png"));

            page.locator("#audit-next").click();
            assertThat(page.locator("#audit-page")).hasText("Page 2");
            assertThat(page.locator("#audit-grid")).containsText(interactions.get(50));
            assertThat(page.locator("#audit-grid")).not().containsText(interactions.getFirst());
            page.locator("#audit-next").click();
            assertThat(page.locator("#audit-page")).hasText("Page 3");
            assertThat(page.locator("#audit-grid")).hasJSProperty("size", 20);
            assertThat(page.locator("#audit-grid")).containsText(interactions.get(100));
            page.locator("#audit-grid").evaluate("grid => grid.scrollToIndex(19)"); // the grid renders what is in view
            assertThat(page.locator("#audit-grid")).containsText(interactions.getLast());
            assertThat(page.locator("#audit-next")).isDisabled();
            page.locator("#audit-previous").click();
            assertThat(page.locator("#audit-page")).hasText("Page 2");
            assertThat(page.locator("#audit-grid")).containsText(interactions.get(50));
            page.locator("#audit-previous").click();
            assertThat(page.locator("#audit-page")).hasText("Page 1");
            assertThat(page.locator("#audit-grid")).containsText(interactions.getFirst());
            assertThat(page.locator("#audit-previous")).isDisabled();

            // the last hour, picked in the viewer's own time (Berlin): the 60 newest rows, two pages
            Instant hourAgo = start.plus(Duration.ofMinutes(60));
            page.locator("#audit-from vaadin-date-picker input").fill(
                    DateTimeFormatter.ofPattern("M/d/yyyy").withZone(BERLIN).format(hourAgo));
            page.locator("#audit-from vaadin-date-picker input").press("Enter"); // commits and closes the calendar
            page.locator("#audit-from vaadin-time-picker input").fill(
                    DateTimeFormatter.ofPattern("HH:mm").withZone(BERLIN).format(hourAgo));
            page.locator("#audit-from vaadin-time-picker input").press("Enter");
            page.locator("#audit-apply").click();
            assertThat(page.locator("#audit-next")).isEnabled();
            page.locator("#audit-next").click();
            assertThat(page.locator("#audit-page")).hasText("Page 2");
            assertThat(page.locator("#audit-grid")).hasJSProperty("size", 10);
            assertThat(page.locator("#audit-grid")).containsText(interactions.get(59));
            assertThat(page.locator("#audit-grid")).not().containsText(interactions.get(60));
            assertThat(page.locator("#audit-next")).isDisabled();

            Download download = page.waitForDownload(() -> page.locator("#audit-export").click());
            assertThat(download.suggestedFilename()).matches("audit-trail-\\d{8}T\\d{6}Z\\.csv");
            List<String> lines = Files.readAllLines(download.path(), StandardCharsets.UTF_8);
            assertThat(lines).hasSize(61).first().asString().startsWith("\uFEFFid,occurred_at_utc,actor");
            assertThat(lines.subList(1, 61)).allMatch(line -> line.contains("," + agent + ","));
            assertThat(lines.get(1)).contains(interactions.getFirst());
            assertThat(lines.get(60)).contains(interactions.get(59));

            page.locator("#audit-customer input").fill("nobody-" + agent);
            page.locator("#audit-apply").click();
            assertThat(page.getByText("No audit entries match these filters.")).isVisible();
        }
        // every page shown was recorded: opening, filter, next, next, previous, previous, hour, next, nobody
        assertThat(looks("AUDIT_VIEW")).isEqualTo(looksBefore + 9);
        assertThat(looks("AUDIT_EXPORT")).isEqualTo(exportsBefore + 1);
    }

    @Test
    void theViewSpeaksGermanOnAThirteenInchLaptop() {
        String agent = "agent-ui-" + UUID.randomUUID().toString().substring(0, 6);
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
        List<String> interactions = seed(agent, start, 8);
        try (BrowserContext context = browser.newContext(1440, 900, BERLIN)) {
            Page page = signIn(context);
            page.navigate(base() + "/console/audit");
            page.locator("#console-language").click();
            page.locator("vaadin-select-item").filter(new Locator.FilterOptions()
                    .setHasText("Deutsch")).click();
            assertThat(page.locator("h1")).hasText("Zugriffsprotokoll");
            page.locator("#audit-agent input").fill(agent);
            page.locator("#audit-apply").click();
            assertThat(page.locator("#audit-grid")).containsText(interactions.getFirst());
            Instant newest = start.plus(Duration.ofMinutes(7));
            assertThat(page.locator("#audit-grid")).containsText(
                    DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(Locale.GERMAN).withZone(BERLIN)
                            .format(newest));
            assertThat(page.locator("#audit-grid")).containsText("Profil angesehen");
            assertThat(page.locator("#audit-page")).hasText("Seite 1");
            assertThat(page.locator("#audit-export")).containsText("CSV exportieren");
            assertThat(page.locator("body")).not().containsText("!console.");
            page.screenshot(screenshot(page, "console-audit-de.png"));
        }
    }

    /** Rows a minute apart from {@code start}, a few agents' worth of customers and channels; interactions newest first. */
    private List<String> seed(String agent, Instant start, int count) {
        List<String> interactions = new ArrayList<>();
        String[] channels = {"widget", "widget", "proxy", "console"};
        for (int i = 0; i < count; i++) {
            String interaction = UUID.randomUUID().toString();
            interactions.addFirst(interaction);
            jdbc.sql("""
                    INSERT INTO audit_event (occurred_at, actor, organization, action, cdp_user_id, interaction_id, channel, correlation_id)
                    VALUES (:at, :actor, NULL, :action, :customer, :interaction, :channel, :correlation)""")
                    .param("at", start.plus(Duration.ofMinutes(i)).atOffset(ZoneOffset.UTC))
                    .param("actor", agent)
                    .param("action", i % 10 == 3 ? "CALLER_VERIFIED" : "PROFILE_VIEW")
                    .param("customer", String.format("usr_%05d", 40 + i % 17))
                    .param("interaction", interaction)
                    .param("channel", channels[i % channels.length])
                    .param("correlation", UUID.randomUUID().toString())
                    .update();
        }
        return interactions;
    }

    private int looks(String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = 'supervisor' AND action = :action")
                .param("action", action).query(Integer.class).single();
    }

    private static String berlin(Instant at) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(Locale.ENGLISH).withZone(BERLIN)
                .format(at);
    }

    private Page signIn(BrowserContext context) {
        Page page = context.newPage();
        page.navigate(base() + "/login");
        page.locator("input[name=username]").fill("supervisor");
        page.locator("input[name=password]").fill("demo-supervisor");
        page.locator("vaadin-button[slot=submit], button[type=submit]").first().click();
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    /** For the docs: once Vaadin has no round trip under way, so no progress bar is in the picture. */
    private static Page.ScreenshotOptions screenshot(Page page, String name) {
        page.waitForFunction("() => Object.values(window.Vaadin.Flow.clients).every(client => !client.isActive())");
        return new Page.ScreenshotOptions().setPath(Path.of("target/screenshots", name))
                .setAnimations(ScreenshotAnimations.DISABLED); // the bar's fade-out finished, not half done
    }

    private String base() {
        return "http://localhost:" + port;
    }
}

package com.profilebridge.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.profilebridge.support.Browser;
import com.profilebridge.support.Http;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The erasure view in Chromium: an administrator looks a customer up, sees what will be erased
 * (masked), confirms by typing the id again, and reads the report; in English and German. A
 * supervisor cannot open it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bridge.outcomes.delivery.enabled=false")
@ActiveProfiles({"demo", "test"})
class ErasureBrowserTests {

    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void launch() {
        browser = Browser.chromium();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdministratorErasesACustomerAfterConfirmingTheirId() {
        linkAndView("usr_00051", "+1 555 100 0051", "conv-erasure-ui-1");
        String pseudonym;
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = signIn(context, "admin", "demo-admin");
            page.navigate(base() + "/console/erasure");
            assertThat(page.locator("#console-nav")).containsText("Erasure");
            page.locator("#customer-id input").fill("usr_00051");
            page.locator("#preview").click();

            assertThat(page.locator("#summary")).containsText("What will be erased");
            assertThat(page.locator("#erasure-customer")).containsText("Customer usr_00051");
            assertThat(page.locator("#erasure-customer")).containsText("0051");
            assertThat(page.locator("#erasure-customer")).not().containsText("100-0051");
            assertThat(page.locator("#summary-counts")).containsText("Interaction links");
            assertThat(page.locator("#summary-counts")).containsText("Kept, customer replaced by a pseudonym");
            page.setViewportSize(1280, 1100); // the whole summary in the picture for the docs
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/console-erasure-en.png"))
                    .setFullPage(true));

            page.locator("#erase").click();
            assertThat(page.locator("#confirm")).isDisabled();
            page.locator("#confirm-id input").fill("usr_00052");
            assertThat(page.locator("#confirm")).isDisabled();
            page.locator("#confirm-id input").fill("usr_00051");
            page.locator("#reason input").fill("DSR-2051");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/console-erasure-confirm-en.png")));
            assertThat(page.locator("#confirm")).isEnabled();
            page.locator("#confirm").click();

            assertThat(page.locator("vaadin-dialog-overlay")).hasCount(0);
            assertThat(page.locator("#report")).containsText("Erased");
            assertThat(page.locator("#report")).containsText(Pattern.compile("now erased:[0-9a-f]{32}"));
            Matcher shown = Pattern.compile("erased:[0-9a-f]{32}").matcher(page.locator("#report").innerText());
            assertThat(shown.find()).isTrue();
            pseudonym = shown.group();
            assertThat(page.locator("#cdp-reminder")).containsText("forward the request to the customer data platform");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/console-erasure-report-en.png"))
                    .setFullPage(true));
        }
        assertThat(count("SELECT COUNT(*) FROM interaction_link WHERE cdp_user_id = 'usr_00051'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE cdp_user_id = 'usr_00051'")).isZero();
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE cdp_user_id = :p ORDER BY id").param("p", pseudonym)
                .query(String.class).list()).containsExactly("PROFILE_VIEW", "ERASURE_PREVIEW", "ERASURE");
    }

    @Test
    void theViewSpeaksGermanAndCancellingErasesNothing() {
        linkAndView("usr_00052", "+1 555 100 0052", "conv-erasure-ui-2");
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = signIn(context, "admin", "demo-admin");
            page.navigate(base() + "/console/erasure");
            page.locator("#console-language").click();
            page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText("Deutsch"))
                    .click();
            assertThat(page.locator("h1")).hasText("Kunden löschen");
            page.locator("#customer-id input").fill("usr_00052");
            page.locator("#preview").click();
            assertThat(page.locator("#summary")).containsText("Was gelöscht wird");
            assertThat(page.locator("#summary-counts")).containsText("Interaktionsverknüpfungen");
            assertThat(page.locator("#summary")).not().containsText("!console.");
            page.setViewportSize(1280, 1100);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/console-erasure-de.png"))
                    .setFullPage(true));

            page.locator("#erase").click();
            page.locator("#confirm-id input").fill("usr_00052");
            page.locator("#cancel").click();
            assertThat(page.locator("#report")).isEmpty();

            page.locator("#customer-id input").fill("kein gültiger Kunde!");
            page.locator("#preview").click();
            assertThat(page.locator("#erasure-message")).containsText("Das ist keine Kunden-ID");
        }
        assertThat(count("SELECT COUNT(*) FROM interaction_link WHERE cdp_user_id = 'usr_00052'")).isEqualTo(1);
    }

    @Test
    void aSupervisorCannotOpenTheErasureView() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = signIn(context, "supervisor", "demo-supervisor");
            page.navigate(base() + "/console/erasure");
            assertThat(page.locator("#customer-id")).hasCount(0);
        }
    }

    /** Linked by the IVR and viewed by an agent through the REST proxy (an audit row). */
    private void linkAndView(String user, String phone, String conversation) {
        Http http = new Http(port);
        assertThat(Http.json(http.resolveJson("{\"phoneNumber\":\"" + phone + "\",\"conversationId\":\"" + conversation
                + "\"}")).path("cdp_user_id").asString()).isEqualTo(user);
        String token = Http.json(http.postForm("/__demo/genesys/token", "agent=ada")).path("access_token").asString();
        assertThat(http.get("/api/proxy/cdp/profile/" + user + "?interactionId=" + conversation, Map.of(
                "Authorization", "Bearer " + token, "X-Agent-Platform", "genesys", "X-Genesys-Environment", "localhost"))
                .statusCode()).isEqualTo(200);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
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
}

package com.profilebridge.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.support.Browser;
import com.profilebridge.support.Http;
import com.profilebridge.ui.console.ConsoleLayout;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

/** The demo logins from the README in a real Chromium: the console's masked, explained, audited profile search; roles enforced. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ConsoleBrowserTests {

    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Autowired
    CdpClient cdp;

    @Autowired
    JdbcClient jdbc;

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
    void aSupervisorFindsAHouseholdByPhoneMaskedExplainedAndAuditedOncePerProfile() throws Exception {
        List<CdpProfile> household = cdp.lookup(new CdpIdentifier(CdpIdentifier.Kind.PHONE, "+15551000097")).profiles();
        assertThat(household).hasSizeGreaterThan(1);
        Map<String, Integer> viewsBefore = new HashMap<>();
        household.forEach(p -> viewsBefore.put(p.userId(), audit.viewsOf(p.userId())));
        int consoleBefore = supervisorConsoleViews(household);
        try (BrowserContext context = browser.newContext(1440, 900)) {
            Page page = signIn(context, "supervisor", "demo-supervisor");
            page.navigate(base() + "/agent"); // the old search forwards a supervisor to the console's
            page.waitForURL("**/" + ConsoleLayout.SEARCH);
            page.locator("#search-query input").fill("not a number!");
            page.locator("#search").click();
            assertThat(page.locator("#search-message")).hasText(
                    "This is not a phone number, an e-mail address or a CDP user id. Check it and search again.");

            page.locator("#search-query input").fill("+1 (555) 100-0097");
            page.locator("#search").click();
            assertThat(page.locator("#search-profiles .pb-cs-card")).hasCount(household.size());
            Locator explanation = page.locator("#search-explanation");
            assertThat(explanation).containsText("Phone number shared by several profiles");
            assertThat(page.locator("#identity-status")).hasText("Needs verification");
            assertThat(page.locator("#identity-why")).containsText(household.size() + " profiles share this phone number");
            assertThat(page.locator("#identity-matches")).containsText("Phone number +1******0097");
            for (CdpProfile p : household) {
                assertThat(page.locator("#identity-matches")).containsText(p.userId());
                assertThat(page.locator(".pb-cs-card[data-user-id='" + p.userId() + "']"))
                        .containsText(p.name().substring(0, p.name().indexOf(' ')));
            }
            assertThat(page.locator("#search-audited")).containsText(household.size() + " profile views");
            noRawPii(page.locator("body").innerText(), household);
            fitsTheWindow(page);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/console-search-en.png"))
                    .setFullPage(true));
        }
        household.forEach(p -> assertThat(audit.viewsOf(p.userId())).as("one view of %s", p.userId())
                .isEqualTo(viewsBefore.get(p.userId()) + 1));
        assertThat(supervisorConsoleViews(household)).as("audited as the supervisor, channel console")
                .isEqualTo(consoleBefore + household.size());
    }

    private int supervisorConsoleViews(List<CdpProfile> profiles) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = 'supervisor' AND channel = 'console' "
                + "AND action = 'PROFILE_VIEW' AND cdp_user_id IN (:ids)")
                .param("ids", profiles.stream().map(CdpProfile::userId).toList()).query(Integer.class).single();
    }

    @Test
    void theSearchSpeaksGermanAndFitsA1280PixelScreen() throws Exception {
        List<CdpProfile> household = cdp.lookup(new CdpIdentifier(CdpIdentifier.Kind.PHONE, "+15551000097")).profiles();
        try (BrowserContext context = browser.newContext(1280, 800)) {
            Page page = signIn(context, "supervisor", "demo-supervisor");
            page.navigate(base() + "/" + ConsoleLayout.SEARCH);
            page.locator("#console-language").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Deutsch")).click();
            assertThat(page.locator("h1")).hasText("Profilsuche");
            page.locator("#search-query input").fill("+1 555 100 0097");
            page.locator("#search").click();
            assertThat(page.locator("#search-explanation")).containsText("Identitätsentscheidung");
            assertThat(page.locator("#search-explanation")).containsText("Telefonnummer mehrerer Profile");
            assertThat(page.locator("#identity-status")).hasText("Verifizierung nötig");
            assertThat(page.locator("#identity-why")).containsText(household.size() + " Profile teilen diese Telefonnummer");
            assertThat(page.locator("#search-masking")).containsText("Für Supervisoren maskiert");
            String text = page.locator("body").innerText();
            assertThat(text).doesNotContain("!console.", "Needs verification", "Search by phone");
            noRawPii(text, household);
            fitsTheWindow(page);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/console-search-de.png"))
                    .setFullPage(true));
        }
    }

    @Test
    void anAgentIsPointedToTheWidgetAndGetsNoSearch() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = signIn(context, "agent", "demo-agent");
            page.navigate(base() + "/agent");
            assertThat(page.locator("#agents-use-the-widget")).containsText("Profile search is a supervisor tool");
            assertThat(page.locator("#search-query")).hasCount(0);
            page.navigate(base() + "/" + ConsoleLayout.SEARCH);
            assertThat(page.locator("body")).not().containsText("Profile search");
            assertThat(page.locator("#search-query")).hasCount(0);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = context.newPage();
            page.navigate(base() + "/login");
            page.locator("input[name=username]").fill("agent");
            page.locator("input[name=password]").fill("wrong");
            page.locator("vaadin-button[slot=submit], button[type=submit]").first().click();
            page.waitForURL("**/login?error**");
            page.navigate(base() + "/" + ConsoleLayout.SEARCH);
            page.waitForURL("**/login");
            assertThat(page.locator("#search-query")).hasCount(0);
        }
    }

    @Test
    void theConsoleSessionCookieIsFirstPartyAndItsLoginNeedsTheCsrfToken() {
        Http http = new Http(port);
        HttpResponse<String> loginPage = http.get("/login");
        String setCookie = loginPage.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("JSESSIONID=", "Secure", "HttpOnly", "SameSite=Lax")
                .doesNotContain("SameSite=None").doesNotContain("Partitioned");
        String cookie = setCookie.split(";", 2)[0];
        Matcher csrf = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as("the login page carries the token its form submits").isTrue();

        // a login posted from anywhere without the token (login CSRF) signs nobody in
        HttpResponse<String> forged = http.post("/login", "application/x-www-form-urlencoded",
                "username=supervisor&password=demo-supervisor", null, Map.of("Cookie", cookie));
        assertThat(forged.statusCode()).isIn(302, 403);
        assertThat(forged.headers().firstValue("Location").orElse("/login")).contains("/login");
        String afterForged = forged.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse(cookie);
        assertThat(http.get("/" + ConsoleLayout.SEARCH, Map.of("Cookie", afterForged)).statusCode()).as("still anonymous")
                .isEqualTo(302);

        HttpResponse<String> genuine = http.post("/login", "application/x-www-form-urlencoded",
                "username=supervisor&password=demo-supervisor&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8),
                null, Map.of("Cookie", cookie));
        assertThat(genuine.statusCode()).isEqualTo(302);
        assertThat(genuine.headers().firstValue("Location").orElseThrow()).doesNotContain("/login");
        String signedIn = genuine.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(signedIn).as("the new session id after login").contains("SameSite=Lax").doesNotContain("Partitioned");
        assertThat(http.get("/" + ConsoleLayout.SEARCH, Map.of("Cookie", signedIn.split(";", 2)[0])).statusCode())
                .isEqualTo(200);
    }

    /** Nothing the demo CDP holds raw reaches the page: SSN, card, date of birth, e-mail, full name, phone. */
    private static void noRawPii(String text, List<CdpProfile> profiles) {
        for (CdpProfile p : profiles) {
            assertThat(text).doesNotContain(p.attributes().get("ssn"), p.attributes().get("credit_card_number"),
                    p.attributes().get("date_of_birth"), p.email(), p.email().toLowerCase(Locale.ROOT), p.name(),
                    p.phone(), "***-**-", "**** ");
        }
    }

    /** No horizontal scrolling: the page is usable at the window's width. */
    private static void fitsTheWindow(Page page) {
        assertThat((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
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

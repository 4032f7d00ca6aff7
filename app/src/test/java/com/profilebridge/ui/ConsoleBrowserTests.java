package com.profilebridge.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.support.Browser;
import com.profilebridge.support.Http;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.springframework.test.context.ActiveProfiles;

/** The demo logins from the README in a real Chromium: masked, audited profile search; roles enforced. */
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
    void anAgentSeesAMaskedProfileAndTheViewIsAudited() {
        var raw = cdp.profile("usr_00040").orElseThrow();
        int viewsBefore = audit.viewsOf("usr_00040");
        try (BrowserContext context = browser.newContext(1280, 1000)) {
            Page page = signIn(context, "agent", "demo-agent");
            page.navigate(base() + "/agent");
            page.locator("#query input").fill("+1 (555) 100-0040");
            page.locator("#search").click();
            assertThat(page.locator("#result")).containsText("usr_00040");
            assertThat(page.locator("#result")).containsText("***-**-");
            String shown = page.locator("#result").innerText();
            // friendly labels, one number format (issue 11, item 9)
            assertThat(shown).contains("Social security number", "Card number", "Date of birth")
                    .doesNotContain("credit_card_number", "date_of_birth", "ssn", "FRESH", "CACHED")
                    .containsPattern("Lifetime value\\s*\\$\\d{1,3}(,\\d{3})*\\.\\d{2}");
            page.locator("#query input").fill("not a number!");
            page.locator("#search").click();
            assertThat(page.locator("#search-message")).hasText(
                    "This is not a phone number, an e-mail address or a customer id. Check it and search again.");
            page.locator("#query input").fill("+1 (555) 100-0040");
            page.locator("#search").click();
            assertThat(page.locator("#result")).containsText("usr_00040");
            assertThat(shown).doesNotContain(raw.attributes().get("ssn"))
                    .doesNotContain(raw.attributes().get("credit_card_number"))
                    .doesNotContain(raw.email());
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/agent-search.png")).setFullPage(true));
        }
        assertThat(audit.viewsOf("usr_00040")).isEqualTo(viewsBefore + 2); // searched twice
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
            page.navigate(base() + "/agent");
            assertThat(page.locator("#query")).hasCount(0);
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
                "username=agent&password=demo-agent", null, Map.of("Cookie", cookie));
        assertThat(forged.statusCode()).isIn(302, 403);
        assertThat(forged.headers().firstValue("Location").orElse("/login")).contains("/login");
        String afterForged = forged.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse(cookie);
        assertThat(http.get("/agent", Map.of("Cookie", afterForged)).statusCode()).as("still anonymous").isEqualTo(302);

        HttpResponse<String> genuine = http.post("/login", "application/x-www-form-urlencoded",
                "username=agent&password=demo-agent&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8),
                null, Map.of("Cookie", cookie));
        assertThat(genuine.statusCode()).isEqualTo(302);
        assertThat(genuine.headers().firstValue("Location").orElseThrow()).doesNotContain("/login");
        String signedIn = genuine.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(signedIn).as("the new session id after login").contains("SameSite=Lax").doesNotContain("Partitioned");
        assertThat(http.get("/agent", Map.of("Cookie", signedIn.split(";", 2)[0])).statusCode()).isEqualTo(200);
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

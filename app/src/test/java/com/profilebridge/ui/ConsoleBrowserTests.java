package com.profilebridge.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.profilebridge.audit.AuditTrail;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.support.Browser;
import java.nio.file.Path;
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
        browser.close();
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
            assertThat(shown).doesNotContain(raw.attributes().get("ssn"))
                    .doesNotContain(raw.attributes().get("credit_card_number"))
                    .doesNotContain(raw.email());
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/agent-search.png")).setFullPage(true));
        }
        assertThat(audit.viewsOf("usr_00040")).isEqualTo(viewsBefore + 1);
    }

    @Test
    void anAgentCannotOpenTheSupervisorPage() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = signIn(context, "agent", "demo-agent");
            page.navigate(base() + "/supervisor");
            assertThat(page.locator("#health")).hasCount(0);
        }
    }

    @Test
    void aSupervisorSeesLiveHealth() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = signIn(context, "supervisor", "demo-supervisor");
            page.navigate(base() + "/supervisor");
            assertThat(page.locator("#health")).containsText("CLOSED");
            assertThat(page.locator("#health")).containsText("demo");
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
            page.navigate(base() + "/agent");
            assertThat(page.locator("#query")).hasCount(0);
        }
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

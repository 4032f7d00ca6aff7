package com.profilebridge.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.profilebridge.support.Browser;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The first page a newcomer sees, in a real Chromium: place a demo call and read the IVR answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class DemoDesktopBrowserTests {

    static Browser browser;

    @LocalServerPort
    int port;

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
    void placingADemoCallShowsTheResolvedCustomer() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/");
            assertThat(page.locator("h1")).hasText("Profile Bridge");

            page.locator("#place-call").click();
            Locator answer = page.locator("#ivr-answer");
            assertThat(answer).containsText("usr_00042");
            assertThat(page.locator("#identity-status")).hasText("NEEDS VERIFICATION");
            assertThat(answer).containsText("PHONE");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/demo-desktop.png")).setFullPage(true));
        }
    }

    @Test
    void aHouseholdCallerIsSentToVerificationWithoutNamingAnyone() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/");
            page.locator("#caller").click();
            page.getByRole(com.microsoft.playwright.options.AriaRole.OPTION,
                    new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("Household"))).click();
            page.locator("#place-call").click();
            assertThat(page.locator("#identity-status")).hasText("NEEDS VERIFICATION");
            assertThat(page.locator("#ivr-answer")).containsText("ambiguous_match");
            assertThat(page.locator("#ivr-answer")).not().containsText("usr_");
        }
    }
}

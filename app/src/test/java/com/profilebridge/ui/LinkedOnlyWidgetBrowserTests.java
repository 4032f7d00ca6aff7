package com.profilebridge.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.profilebridge.support.Browser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The widget under least privilege in a real Chromium, against the demo platforms (which answer the
 * participant check): the agent the demo desktop's call was routed to sees its customer; a colleague
 * who opens the same interaction's widget is told, in their language, that they are not on it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bridge.agent.access=linked-only")
@ActiveProfiles({"demo", "test"})
class LinkedOnlyWidgetBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void theAgentOnTheCallSeesItsCustomerAndAColleagueOpeningTheSameInteractionIsRefused() {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000); // a popup sign-in on 2 busy cores can exceed 5 s
        try (Browser browser = Browser.chromium()) {
            String conversation = openedBy(browser, "ada");
            refusedFor(browser, "grace", conversation);
        }
    }

    /** The demo desktop places a call; the agent signs in to its widget and sees the customer. */
    private String openedBy(Browser browser, String agent) {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page desktop = context.newPage();
            desktop.navigate("http://localhost:" + port + "/");
            desktop.locator("#place-call").click();
            assertThat(desktop.locator("#ivr-answer")).containsText("usr_00042");
            FrameLocator widget = desktop.frameLocator("#widget-frame");
            desktop.waitForPopup(() -> widget.locator("#sign-in").click()).locator("#agent-" + agent).click();

            assertThat(widget.locator("#profile")).containsText("usr_00042");
            return desktop.locator("#widget-frame").getAttribute("src").replaceAll(".*conversationId=([^&]+).*", "$1");
        }
    }

    /** A colleague's widget for the same conversation (on a transfer, or by its id), in German. */
    private void refusedFor(Browser browser, String agent, String conversation) {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + port + "/embed/genesys/widget.html?conversationId=" + conversation
                    + "&env=localhost&lang=de-de&host=" + URLEncoder.encode("http://localhost:" + port, StandardCharsets.UTF_8));
            page.waitForPopup(() -> page.locator("#sign-in").click()).locator("#agent-" + agent).click();

            assertThat(page.locator("#widget-notice")).containsText(
                    "Laut Genesys Cloud sind Sie nicht an diesem Kontakt beteiligt");
            assertThat(page.locator("#profile")).hasCount(0);
            assertThat(page.locator("#widget")).not().containsText("usr_00042");
        }
    }
}

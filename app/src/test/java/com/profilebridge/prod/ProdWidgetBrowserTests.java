package com.profilebridge.prod;

import java.time.Duration;
import static org.awaitility.Awaitility.await;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.profilebridge.audit.AuditTrail;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.support.Browser;
import com.profilebridge.support.GenesysDesktop;
import com.profilebridge.support.Http;
import com.profilebridge.support.ProdSettings;
import com.profilebridge.support.ScratchDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The agent flow with the {@code prod} profile, end to end in Chromium, with nothing from the demo:
 * PostgreSQL, Redis, an HTTP CDP (WireMock), Genesys Cloud's API (WireMock: {@code tokens/me},
 * {@code users/me}, and {@code conversations/{id}} naming the agent, for prod's participant check),
 * CXone's contact API (WireMock: {@code contacts/active} listing the agent's contact) and Genesys' login page (a Playwright route standing in for
 * {@code https://login.mypurecloud.de}: no internet), a CXone issuer (mock-oauth2-server: discovery,
 * JWKS, authorization code + PKCE). The host desktops are pages on another origin
 * ({@code localhost:<vendor port>}) framing the bridge pages on {@code 127.0.0.1:<app port>}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
@DirtiesContext
class ProdWidgetBrowserTests {

    static final String ORGANIZATION = "5e1f0c2a-0000-4c8e-9a61-0d3e0de3abcd";
    static final String TENANT = "11ef0000-aaaa-4000-8000-00000000beef";
    static final String GENESYS_TOKEN = "gc-" + UUID.randomUUID().toString().replace("-", "");
    static final ScratchDatabase database = ScratchDatabase.create();
    static final String prefix = "pb-test-" + UUID.randomUUID() + ":";
    /** The CDP, Genesys Cloud's API and the host desktops' pages. */
    static final WireMockServer vendors = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final MockOAuth2Server cxone = new MockOAuth2Server();
    static Browser browser;

    static {
        vendors.start();
        cxone.start();
    }

    @DynamicPropertySource
    static void prodSettings(DynamicPropertyRegistry registry) {
        ProdSettings.register(registry, database, 6379, vendors.port(), "prod-secret-1");
        String hostOrigin = "http://localhost:" + vendors.port();
        String issuer = cxone.issuerUrl("cxone").toString();
        registry.add("bridge.cache.redis.key-prefix", () -> prefix);
        registry.add("bridge.cache.fresh-ttl", () -> "1s");
        registry.add("bridge.widget.refresh-interval", () -> "1s");
        registry.add("bridge.agent.genesys.api-base-url-template", () -> "http://127.0.0.1:" + vendors.port() + "/{env}");
        registry.add("bridge.agent.genesys.organization-ids", () -> ORGANIZATION);
        registry.add("bridge.agent.genesys.oauth-client-ids", () -> "genesys-widget-client");
        registry.add("bridge.agent.cxone.issuers", () -> issuer);
        registry.add("bridge.agent.cxone.tenant-ids", () -> TENANT);
        registry.add("bridge.agent.cxone.audience", () -> "cxone-widget-client");
        registry.add("bridge.agent.cxone.api-endpoint", () -> "http://127.0.0.1:" + vendors.port() + "/cxone-api");
        // the second host origin may frame the panel but is no MAX origin: its messages must be ignored
        registry.add("bridge.widget.frame-ancestors", () -> hostOrigin + ",http://127.0.0.1:" + vendors.port());
        registry.add("bridge.widget.genesys.client-id", () -> "genesys-widget-client");
        registry.add("bridge.widget.cxone.issuer", () -> issuer);
        registry.add("bridge.widget.cxone.client-id", () -> "cxone-widget-client");
        registry.add("bridge.widget.cxone.max-origins", () -> hostOrigin);
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Autowired
    InteractionLinks links;

    @BeforeAll
    static void launch() {
        browser = Browser.chromium();
    }

    @AfterAll
    static void cleanUp() {
        browser.close();
        vendors.stop();
        cxone.shutdown();
        database.drop();
    }

    @BeforeEach
    void vendorsAnswer() {
        vendors.resetAll();
        cdpKnows("usr_prod_1", "GOLD");
        String expires = Instant.now().plus(8, ChronoUnit.HOURS).toString();
        vendors.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/tokens/me"))
                .withQueryParam("preserveIdleTTL", equalTo("true"))
                .withHeader("Authorization", equalTo("Bearer " + GENESYS_TOKEN))
                .willReturn(json("{\"organization\":{\"id\":\"" + ORGANIZATION + "\",\"name\":\"Acme\"},"
                        + "\"homeOrganization\":{\"id\":\"" + ORGANIZATION + "\"},"
                        + "\"OAuthClient\":{\"id\":\"genesys-widget-client\",\"name\":\"Profile Bridge widget\"},"
                        + "\"expirationDate\":\"" + expires + "\"}")));
        vendors.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/users/me"))
                .withHeader("Authorization", equalTo("Bearer " + GENESYS_TOKEN))
                .willReturn(json("{\"id\":\"gc-agent-1\",\"name\":\"Pat Agent\"}")));
        // prod asks Genesys whether the agent is on the conversation (linked-only, participant check required)
        vendors.stubFor(get(urlPathMatching("/mypurecloud.de/api/v2/conversations/[^/]+"))
                .withHeader("Authorization", equalTo("Bearer " + GENESYS_TOKEN))
                .willReturn(json("{\"participants\":[{\"id\":\"p1\",\"purpose\":\"customer\"},"
                        + "{\"id\":\"p2\",\"purpose\":\"agent\",\"userId\":\"gc-agent-1\"}]}")));
    }

    @Test
    void aGenesysAgentSeesTheMaskedProfileAndTheDegradedStateWhenTheCdpFails() {
        String conversation = "conv-prod-" + UUID.randomUUID();
        resolve(conversation);
        int viewsBefore = audit.viewsOf("usr_prod_1");
        hostPage("genesys.html", "/embed/genesys/widget.html?conversationId=" + conversation
                + "&env=mypurecloud.de&lang=en-us&host=" + GenesysDesktop.encode("http://localhost:" + vendors.port()));

        try (BrowserContext context = browser.newContext(1280, 900)) {
            // Genesys' login page: the implicit grant answers with the token in the redirect's fragment
            context.route("https://login.mypurecloud.de/**", route -> GenesysDesktop.login(route, GENESYS_TOKEN));
            Page desktop = context.newPage();
            desktop.navigate("http://localhost:" + vendors.port() + "/host/genesys.html");
            FrameLocator widget = desktop.frameLocator("#widget-frame");
            Page popup = desktop.waitForPopup(() -> widget.locator("#sign-in").click());
            popup.waitForClose(() -> {});

            assertThat(widget.locator("#profile")).containsText("usr_prod_1");
            assertThat(widget.locator("#profile")).containsText("Gold");
            assertThat(widget.locator("#profile")).containsText("***-**-6789");
            String shown = widget.locator("#widget").innerText();
            assertThat(shown).doesNotContain("123-45-6789").doesNotContain("4111 1111 1111 1111")
                    .doesNotContain("4111111111111111");
            assertThat(audit.viewsOf("usr_prod_1")).isEqualTo(viewsBefore + 1);
            // a 300 px panel: nothing wider than the frame, no horizontal scrolling
            Object overflow = desktop.frames().stream().filter(f -> f.url().contains("/widget?")).findFirst().orElseThrow()
                    .evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);

            // the CDP goes down; the entry is no longer fresh: Refresh shows the cached data, saying so
            vendors.stubFor(get(urlPathEqualTo("/v1/profiles/usr_prod_1")).willReturn(aResponse().withStatus(503)));
            desktop.waitForTimeout(1200); // fresh TTL and refresh interval are 1 s here
            widget.locator("#refresh").focus(); // keyboard: the agent tabs to Refresh and presses Enter
            desktop.keyboard().press("Enter");
            // agents read "customer data service", never "CDP"; tiers read as labels ("Gold", not "GOLD")
            assertThat(widget.locator("#widget-status")).containsText("Customer data service unavailable");
            assertThat(widget.locator("#profile")).containsText("Gold");
        }
    }

    @Test
    void aCxoneAgentSignsInWithPkceAtTheIssuerAndSeesTheProfileInGerman() {
        String contact = "contact-prod-" + UUID.randomUUID();
        resolve(contact);
        cxoneAgentIsOn(contact);
        enqueueCxoneLogin();
        hostPage("cxone.html", "/embed/cxone/widget.html?contactId=" + contact + "&lang=de-de");

        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page desktop = context.newPage();
            desktop.navigate("http://localhost:" + vendors.port() + "/host/cxone.html");
            FrameLocator widget = desktop.frameLocator("#widget-frame");
            widget.locator("#sign-in").click();

            assertThat(widget.locator("#profile")).containsText("usr_prod_1");
            assertThat(widget.locator("#widget")).containsText("Stufe");
            assertThat(widget.locator("#widget").innerText()).doesNotContain("123-45-6789");
        }
    }

    @Test
    void aMaxContactEventFromTheConfiguredOriginOpensThatContactAndOneFromElsewhereIsIgnored() {
        String contact = "contact-max-" + UUID.randomUUID();
        resolve(contact);
        cxoneAgentIsOn(contact);
        maxHostPage("max.html", contact);

        try (BrowserContext context = browser.newContext(1280, 900)) {
            // a desktop origin that may frame the panel but is not a MAX origin: its event is ignored
            enqueueCxoneLogin();
            Page foreign = context.newPage();
            foreign.navigate("http://127.0.0.1:" + vendors.port() + "/host/max.html");
            FrameLocator ignored = foreign.frameLocator("#widget-frame");
            assertThat(ignored.locator("#sign-in")).isVisible();
            foreign.waitForTimeout(1500); // the host keeps posting its event meanwhile
            ignored.locator("#sign-in").click();
            // prod's default access is linked-only: no customer linked, no search, nothing shown
            assertThat(ignored.locator("#widget-notice")).containsText("linked customers only");
            assertThat(ignored.locator("#search-query")).hasCount(0);
            assertThat(ignored.locator("#profile")).hasCount(0);
        }
        try (BrowserContext context = browser.newContext(1280, 900)) {
            enqueueCxoneLogin();
            Page desktop = context.newPage();
            desktop.navigate("http://localhost:" + vendors.port() + "/host/max.html");
            FrameLocator widget = desktop.frameLocator("#widget-frame");
            assertThat(widget.locator("#sign-in")).isVisible();
            desktop.waitForTimeout(1500);
            widget.locator("#sign-in").click();
            assertThat(widget.locator("#profile")).containsText("usr_prod_1");
        }
    }

    @Test
    void theDemoDesktopAndDemoIdentityEndpointsDoNotExistInProd() {
        Http http = new Http(port);
        assertThat(http.post("/__demo/genesys/token", "application/x-www-form-urlencoded", "agent=ada", null)
                .statusCode()).isNotEqualTo(200);
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + port + "/");
            assertThat(page.locator("#place-call")).hasCount(0);
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The next token the CXone issuer issues: an agent of the allowed tenant. */
    private static void enqueueCxoneLogin() {
        cxone.enqueueCallback(new DefaultOAuth2TokenCallback("cxone", "user:cx-agent-1", "JWT",
                List.of("cxone-widget-client"), Map.of("tenantId", TENANT, "userId", "cx-agent-1", "name", "Casey Agent",
                        "icAgentId", "200001"), 3600));
    }

    /** CXone's Real-Time Data API lists the contact among the agent's active contacts (the participant check). */
    private static void cxoneAgentIsOn(String contactId) {
        vendors.stubFor(get(urlPathEqualTo("/cxone-api/incontactapi/services/v27.0/contacts/active"))
                .withQueryParam("agentId", equalTo("200001"))
                .willReturn(json("{\"resultSet\":{\"activeContacts\":[{\"contactId\":\"" + contactId
                        + "\",\"masterContactId\":\"" + contactId + "\",\"agentId\":200001,\"state\":\"Active\"}]}}")));
    }

    /** A MAX-like panel host: no contact in the URL; it posts the contact as a MAX event, repeatedly. */
    private void maxHostPage(String name, String contactId) {
        String src = "http://127.0.0.1:" + port + "/embed/cxone/widget.html?lang=en-us";
        vendors.stubFor(get(urlEqualTo("/host/" + name)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<!DOCTYPE html><html><body><h1>MAX</h1><iframe id=\"widget-frame\" width=\"320\" height=\"700\" "
                        + "sandbox=\"allow-forms allow-modals allow-popups allow-same-origin allow-scripts\" src=\"" + src
                        + "\"></iframe><script>var n = 0; var t = setInterval(function () {"
                        + " document.getElementById('widget-frame').contentWindow.postMessage("
                        + "{type: 'contact', contactId: " + GenesysDesktop.quote(contactId) + "}, 'http://127.0.0.1:" + port + "');"
                        + " if (++n > 40) clearInterval(t); }, 100);</script></body></html>")));
    }

    /** The IVR step of the call: records the interaction -> customer link the widget starts from. */
    private void resolve(String interactionId) {
        String basic = "Basic " + Base64.getEncoder().encodeToString("genesys:prod-secret-1".getBytes(StandardCharsets.UTF_8));
        var answer = new Http(port).post("/v1/profiles/resolve", "application/json",
                "{\"identifier\":\"+15557772222\",\"conversationId\":\"" + interactionId + "\"}", basic);
        assertThat(Http.json(answer).path("cdp_user_id").asString()).isEqualTo("usr_prod_1");
        // the link is written off the IVR path
        await().atMost(Duration.ofSeconds(5)).until(() -> links.find(interactionId).isPresent());
    }

    private static void cdpKnows(String userId, String tier) {
        String profile = "{\"cdp_user_id\":\"" + userId + "\",\"name\":\"Pat Customer\",\"tier\":\"" + tier + "\","
                + "\"lifetime_value\":1234.5,\"preferred_channel\":\"sms\",\"sentiment_score\":0.4,"
                + "\"email\":\"pat.customer@example.com\",\"phone\":\"+15557772222\",\"ssn\":\"123-45-6789\","
                + "\"notes\":\"card 4111 1111 1111 1111 on file\"}";
        vendors.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(json("{\"status\":\"success\",\"profile\":" + profile + "}")));
        vendors.stubFor(get(urlPathEqualTo("/v1/profiles/" + userId)).willReturn(json(profile)));
    }

    private void hostPage(String name, String bridgePath) {
        GenesysDesktop.hostPage(vendors, name, "http://127.0.0.1:" + port + bridgePath);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}

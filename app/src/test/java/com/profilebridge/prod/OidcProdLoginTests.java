package com.profilebridge.prod;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.profilebridge.support.ActingProbe;
import com.profilebridge.support.Browser;
import com.profilebridge.support.ConsoleSession;
import com.profilebridge.support.Http;
import com.profilebridge.support.OidcSignIn;
import com.profilebridge.support.Ports;
import com.profilebridge.support.ProdSettings;
import com.profilebridge.support.ScratchDatabase;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import no.nav.security.mock.oauth2.token.RequestMapping;
import no.nav.security.mock.oauth2.token.RequestMappingTokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Console sign-in with the {@code prod} profile on PostgreSQL and Redis, in Chromium, through the
 * organisation's identity provider (mock-oauth2-server run by this test, Keycloak-like: groups as
 * realm roles in {@code realm_access.roles}, one with spaces in its name). The application starts
 * while the provider is still down; the form login of the demo does not exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
@DirtiesContext
@Import(ActingProbe.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcProdLoginTests {

    static final ScratchDatabase database = ScratchDatabase.create();
    static final String prefix = "pb-test-" + UUID.randomUUID() + ":";
    static final int providerPort = Ports.free();
    static final MockOAuth2Server provider = new MockOAuth2Server(new OAuth2Config(true, null, null, false,
            new OAuth2TokenProvider(), Set.of(acmeUsers()), new MockWebServerWrapper()));
    static Browser browser;

    @DynamicPropertySource
    static void prodSettings(DynamicPropertyRegistry registry) {
        ProdSettings.register(registry, database, 6379, Ports.free(), "prod-secret-1");
        registry.add("bridge.cache.redis.key-prefix", () -> prefix);
        registry.add("bridge.console.oidc.issuer-uri", () -> "http://127.0.0.1:" + providerPort + "/acme");
        registry.add("bridge.console.oidc.client-id", () -> "profile-bridge");
        registry.add("bridge.console.oidc.client-secret", () -> "acme-console-secret");
        registry.add("bridge.console.oidc.display-name", () -> "Acme SSO");
        registry.add("bridge.console.oidc.roles-claim", () -> "realm_access.roles");
        registry.add("bridge.console.oidc.role-mapping.supervisor", () -> "Contact Centre Leads");
        registry.add("bridge.console.oidc.role-mapping.admin", () -> "/it/bridge-admins");
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void launch() {
        browser = Browser.chromium();
    }

    @AfterAll
    static void cleanUp() {
        if (browser != null) {
            browser.close();
        }
        provider.shutdown();
        database.drop();
    }

    @Test
    @Order(1)
    void startedWhileTheProviderWasDownAndSignsInOnceItIsUp() throws Exception {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = context.newPage();
            page.navigate(base() + "/login");
            assertThat(page.locator("#sign-in-oidc")).hasText("Sign in with Acme SSO");
            page.locator("#sign-in-oidc").click();
            page.waitForURL(url -> url.contains("/login?provider-unavailable"));
            assertThat(page.locator("#login-notice")).hasText(
                    "The sign-in service cannot be reached right now. Try again in a moment.");

            provider.start(InetAddress.getByName("127.0.0.1"), providerPort);
            OidcSignIn.toProvider(page);
            OidcSignIn.asUser(page, "ada", null, base());
            assertThat(URI.create(page.url()).getPath()).matches("/console(/operations)?");

            ConsoleSession admin = ConsoleSession.resume(port, OidcSignIn.sessionCookie(context, base()));
            HttpResponse<String> acted = admin.post(ActingProbe.PATH, "{}");
            assertThat(acted.statusCode()).as("ADMIN from the nested realm role").isEqualTo(200);
            assertThat(Http.json(acted).path("user").asString()).isEqualTo("ada@acme.example");
            assertThat(admin.get("/api/console/no-such-endpoint").statusCode()).isEqualTo(404);
        }
    }

    @Test
    @Order(2)
    void aSupervisorReadsButDoesNotAct() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            ConsoleSession supervisor = OidcSignIn.consoleSession(context, base(), port, "sam");
            assertThat(supervisor.get("/api/console/no-such-endpoint").statusCode()).isEqualTo(404);
            assertThat(supervisor.post(ActingProbe.PATH, "{}").statusCode()).isEqualTo(403);
        }
    }

    @Test
    @Order(3)
    void theSignInPageHasNoFormAndAPostedFormLoginSignsNobodyIn() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = context.newPage();
            page.navigate(base() + "/login");
            assertThat(page.locator("#sign-in-oidc")).isVisible();
            assertThat(page.locator("vaadin-login-form")).hasCount(0);
            assertThat(page.locator("input[name=username]")).hasCount(0);
        }
        Http http = new Http(port);
        HttpResponse<String> loginPage = http.get("/login");
        String cookie = loginPage.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher csrf = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).isTrue();
        // the demo's credentials with a valid CSRF token: nothing in prod processes a form login
        HttpResponse<String> posted = http.post("/login", "application/x-www-form-urlencoded",
                "username=supervisor&password=demo-supervisor&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8),
                null, Map.of("Cookie", cookie));
        assertThat(posted.statusCode()).isIn(302, 403);
        assertThat(posted.headers().firstValue("Location").orElse("/login")).as("refused, not a failed form login")
                .endsWith("/login");
        String after = posted.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse(cookie);
        assertThat(http.get("/api/console/no-such-endpoint", Map.of("Cookie", after)).statusCode()).isEqualTo(401);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** Acme's users: realm roles as Keycloak sends them; anyone else has only the default role. */
    static RequestMappingTokenCallback acmeUsers() {
        return new RequestMappingTokenCallback("acme", List.of(
                user("ada", "ada@acme.example", List.of("offline_access", "/it/bridge-admins")),
                user("sam", "sam@acme.example", List.of("Contact Centre Leads")),
                user("*", "${subject}@acme.example", List.of("offline_access"))),
                Duration.ofHours(1).toSeconds());
    }

    private static RequestMapping user(String name, String userName, List<String> roles) {
        return new RequestMapping(RequestMappingTokenCallback.SUBJECT_PARAM, name, Map.of(
                "sub", "${subject}",
                "preferred_username", userName,
                "realm_access", Map.of("roles", roles)), "JWT");
    }
}

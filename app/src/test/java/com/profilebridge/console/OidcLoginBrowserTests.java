package com.profilebridge.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.profilebridge.support.ActingProbe;
import com.profilebridge.support.Browser;
import com.profilebridge.support.ConsoleSession;
import com.profilebridge.support.Http;
import com.profilebridge.support.OidcSignIn;
import com.profilebridge.ui.console.ConsoleProbeView;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * Console sign-in in the embedded default, in Chromium, through the demo identity provider
 * (mock-oauth2-server in the application): the typed user name decides the groups, the groups the
 * console role, and sign-out goes through the provider's end-session endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@Import(ActingProbe.class)
class OidcLoginBrowserTests {

    static Browser browser;

    @LocalServerPort
    int port;

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
    void aSupervisorSignsInWithPkceAndLandsOnTheConsoleWithTheReadRoleOnly() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = context.newPage();
            List<String> authorizations = OidcSignIn.requestsTo(page, "/profile-bridge-demo/authorize?");
            page.navigate(base() + "/login");
            assertThat(page.locator("#sign-in-oidc")).hasText("Sign in with Demo SSO");
            settled(page);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/console-login-en.png")));
            OidcSignIn.toProvider(page);
            OidcSignIn.asUser(page, "supervisor", null, base());

            assertThat(URI.create(page.url()).getPath()).matches("/console(/operations)?");
            Map<String, String> authorization = OidcSignIn.query(authorizations.getFirst());
            assertThat(authorization).containsEntry("response_type", "code")
                    .containsEntry("client_id", "profile-bridge-console")
                    .containsEntry("code_challenge_method", "S256")
                    .containsEntry("redirect_uri", base() + "/login/oauth2/code/console")
                    .containsKeys("state", "nonce");
            // S256 of a 32-byte verifier: 43 characters of base64url
            assertThat(authorization.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
            assertThat(authorization.get("scope").split(" ")).contains("openid", "profile", "email");

            Cookie session = context.cookies(base()).stream().filter(c -> c.name.equals("JSESSIONID")).findFirst()
                    .orElseThrow();
            assertThat(session.sameSite).as("the console's first-party cookie, renewed at sign-in")
                    .isEqualTo(SameSiteAttribute.LAX);
            assertThat(session.secure).isTrue();
            assertThat(session.httpOnly).isTrue();

            ConsoleSession supervisor = ConsoleSession.resume(port, OidcSignIn.sessionCookie(context, base()));
            assertThat(supervisor.get("/api/console/no-such-endpoint").statusCode()).as("the read role: past security")
                    .isEqualTo(404);
            assertThat(supervisor.post(ActingProbe.PATH, "{}").statusCode()).as("not the acting role")
                    .isEqualTo(403);
            assertThat(supervisor.postWithoutCsrf("/api/console/no-such-endpoint", "{}").statusCode())
                    .as("an OIDC session needs the CSRF token on changes too").isEqualTo(403);
        }
    }

    @Test
    void anAdminGetsTheActingRoleAndTheReadRoleWithIt() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = context.newPage();
            page.navigate(base() + "/" + ConsoleProbeView.ROUTE);
            page.waitForURL(url -> url.contains("/login"));
            OidcSignIn.toProvider(page);
            OidcSignIn.asUser(page, "admin", null, base());

            // back on the page asked for before signing in, named by the provider's user-name claim
            assertThat(page.locator("#console-user")).hasText("admin");
            assertThat(URI.create(page.url()).getPath()).isEqualTo("/" + ConsoleProbeView.ROUTE);

            ConsoleSession admin = ConsoleSession.resume(port, OidcSignIn.sessionCookie(context, base()));
            HttpResponse<String> acted = admin.post(ActingProbe.PATH, "{}");
            assertThat(acted.statusCode()).isEqualTo(200);
            assertThat(Http.json(acted).path("user").asString()).isEqualTo("admin");
            assertThat(admin.get("/api/console/no-such-endpoint").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aUserInNoMappedGroupIsSignedInButRefusedEverywhereWithAClearPage() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = context.newPage();
            page.navigate(base() + "/login");
            OidcSignIn.toProvider(page);
            // the provider's page lets anyone add claims: the demo users' groups come first and win
            OidcSignIn.asUser(page, "visitor", "{\"groups\": [\"pb-admins\"]}", base());

            assertThat(page.locator("#access-denied")).hasText("No console role");
            assertThat(page.locator("#access-denied-reason")).containsText("signed in as visitor");
            assertThat(URI.create(page.url()).getPath()).as("no way round to the sign-in page").startsWith("/console");
            settled(page);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/console-no-role-en.png")));

            String cookie = OidcSignIn.sessionCookie(context, base());
            assertThat(new Http(port).get("/api/console/no-such-endpoint", Map.of("Cookie", cookie)).statusCode())
                    .isEqualTo(403);
            page.navigate(base() + "/" + ConsoleProbeView.ROUTE);
            assertThat(page.locator("#access-denied")).hasText("No console role");
            assertThat(page.locator("#console-probe")).hasCount(0);

            page.locator("#access-denied-sign-out").click();
            page.waitForURL(url -> url.contains("/login?logout"));
        }
    }

    @Test
    void signingOutEndsTheProviderSessionAndTheNextSignInAsksTheProviderAgain() {
        try (BrowserContext context = browser.newContext(1280, 900)) {
            Page page = context.newPage();
            List<String> endSessions = OidcSignIn.requestsTo(page, "/profile-bridge-demo/endsession");
            page.navigate(base() + "/" + ConsoleProbeView.ROUTE);
            OidcSignIn.toProvider(page);
            OidcSignIn.asUser(page, "supervisor", null, base());
            assertThat(page.locator("#console-user")).hasText("supervisor");
            String cookie = OidcSignIn.sessionCookie(context, base());

            page.locator("#sign-out").click();
            page.waitForURL(url -> url.equals(base() + "/login?logout"));
            assertThat(page.locator("#login-notice")).hasText("You are signed out.");

            assertThat(endSessions).hasSize(1);
            Map<String, String> endSession = OidcSignIn.query(endSessions.getFirst());
            assertThat(endSession).containsEntry("post_logout_redirect_uri", base() + "/login?logout");
            // the hint names the session being ended: the ID token this sign-in got
            String[] idToken = endSession.get("id_token_hint").split("\\.");
            var claims = JsonMapper.builder().build()
                    .readTree(new String(Base64.getUrlDecoder().decode(idToken[1]), StandardCharsets.UTF_8));
            assertThat(claims.path("preferred_username").asString()).isEqualTo("supervisor");
            assertThat(claims.path("aud").toString()).contains("profile-bridge-console");

            assertThat(new Http(port).get("/api/console/no-such-endpoint", Map.of("Cookie", cookie)).statusCode())
                    .as("the old session is gone").isEqualTo(401);
            OidcSignIn.toProvider(page);
            // the provider asks again: no silent sign-in with what the ended session left behind
            assertThat(page.locator("input[name=username]")).isVisible();
        }
    }

    @Test
    void theSignInPageOffersTheProviderAndTheDemoAccountsInGerman() {
        try (BrowserContext context = browser.newContext(1280, 900, "de-DE")) {
            Page page = context.newPage();
            page.navigate(base() + "/login");
            assertThat(page.locator("#sign-in-oidc")).hasText("Mit Demo SSO anmelden");
            assertThat(page.locator("vaadin-login-form")).isVisible();
            assertThat(page.getByText("Demo-Konten")).isVisible();
            assertThat(page).hasTitle(Pattern.compile("Anmeldung"));
            settled(page);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/console-login-de.png")));
        }
    }

    /** Waits until Vaadin has no request in flight (its loading bar would be in the screenshot). */
    private static void settled(Page page) {
        page.waitForFunction("() => window.Vaadin && window.Vaadin.Flow && Object.values(window.Vaadin.Flow.clients)"
                + ".every(client => typeof client.isActive !== 'function' || !client.isActive())");
    }

    private String base() {
        return "http://localhost:" + port;
    }
}

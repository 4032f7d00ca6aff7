package com.profilebridge.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A person signing in to the console through the identity provider in Chromium: the console's
 * "Sign in with ..." button, mock-oauth2-server's sign-in page (any user name, optional extra claims
 * as JSON), and back to the console.
 */
public final class OidcSignIn {

    private OidcSignIn() {}

    /**
     * Signs in from the console's sign-in page as {@code user} and returns the console session of
     * the browser, for calls over HTTP.
     */
    public static ConsoleSession consoleSession(BrowserContext context, String consoleBase, int port, String user) {
        Page page = context.newPage();
        page.navigate(consoleBase + "/login");
        toProvider(page);
        asUser(page, user, null, consoleBase);
        return ConsoleSession.resume(port, sessionCookie(context, consoleBase));
    }

    /** The URLs of the page's requests whose URL contains {@code part}, as they happen. */
    public static List<String> requestsTo(Page page, String part) {
        List<String> urls = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.url().contains(part)) {
                urls.add(request.url());
            }
        });
        return urls;
    }

    /** From the console's sign-in page (already open) to the provider's page. */
    public static void toProvider(Page page) {
        page.locator("#sign-in-oidc").click();
        page.waitForURL(url -> url.contains("/authorize?"));
    }

    /** On the provider's page: signs in as {@code user}, adding {@code claims} (JSON) if given. */
    public static void asUser(Page page, String user, @Nullable String claims, String consoleBase) {
        page.locator("input[name=username]").fill(user);
        if (claims != null) {
            page.locator("textarea[name=claims]").fill(claims);
        }
        page.locator("input[type=submit]").click();
        page.waitForURL(url -> url.startsWith(consoleBase + "/") && !url.contains("/login/oauth2/code/"));
    }

    /** The browser's console session as a request header value ({@code JSESSIONID=...}). */
    public static String sessionCookie(BrowserContext context, String consoleBase) {
        return context.cookies(consoleBase).stream().filter(c -> c.name.equals("JSESSIONID")).findFirst()
                .map((Cookie c) -> c.name + "=" + c.value)
                .orElseThrow(() -> new IllegalStateException("no console session cookie"));
    }

    /** The query parameters of a URL, decoded. */
    public static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }
}

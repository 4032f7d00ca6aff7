package com.profilebridge.support;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console user signed in over plain HTTP with a demo form login (demo profile: {@code supervisor},
 * {@code admin}, {@code agent}), the way a script or an attacker holding a session would call the
 * console's REST endpoints: session cookie plus the CSRF token of the signed-in session.
 */
public record ConsoleSession(Http http, String cookie, String csrf) {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    public static ConsoleSession signIn(int port, String user, String password) {
        Http http = new Http(port);
        HttpResponse<String> loginPage = http.get("/login");
        String cookie = loginPage.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        HttpResponse<String> login = http.post("/login", "application/x-www-form-urlencoded",
                "username=" + user + "&password=" + password + "&_csrf=" + encode(token(loginPage.body())), null,
                Map.of("Cookie", cookie));
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("demo login of " + user + " failed: " + login.statusCode());
        }
        String session = login.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse(cookie);
        HttpResponse<String> page = http.get("/login", Map.of("Cookie", session));
        return new ConsoleSession(http, session, token(page.body()));
    }

    /** A browser session that has not signed in: the login page's cookie and CSRF token, nobody's session. */
    public static ConsoleSession anonymous(int port) {
        Http http = new Http(port);
        HttpResponse<String> loginPage = http.get("/login");
        String cookie = loginPage.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        return new ConsoleSession(http, cookie, token(loginPage.body()));
    }

    /**
     * The session a browser holds (e.g. after signing in through the identity provider), given its
     * session cookie ({@code JSESSIONID=...}): its CSRF token is read from a page of that session.
     */
    public static ConsoleSession resume(int port, String cookie) {
        Http http = new Http(port);
        return new ConsoleSession(http, cookie, token(http.get("/login", Map.of("Cookie", cookie)).body()));
    }

    public HttpResponse<String> get(String path) {
        return http.get(path, Map.of("Cookie", cookie));
    }

    /** A JSON POST with the session's CSRF token. */
    public HttpResponse<String> post(String path, String json) {
        return http.post(path, "application/json", json, null, Map.of("Cookie", cookie, "X-CSRF-TOKEN", csrf));
    }

    /** A JSON POST without the CSRF token: what a cross-site form would send. */
    public HttpResponse<String> postWithoutCsrf(String path, String json) {
        return http.post(path, "application/json", json, null, Map.of("Cookie", cookie));
    }

    private static String token(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return m.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

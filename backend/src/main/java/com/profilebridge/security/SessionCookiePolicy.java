package com.profilebridge.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;

/**
 * One servlet context has one session cookie, but two kinds of pages use it: the agent widget runs
 * in a cross-origin iframe of the vendor's desktop and needs {@code SameSite=None; Secure;
 * Partitioned} (without {@code Partitioned} Chromium drops it inside the iframe), while the
 * standalone console (login, agent search, supervisor) is a first-party site and gets
 * {@code SameSite=Lax}, unpartitioned, so no other site can make the browser send it.
 *
 * <p>Tomcat writes the session cookie itself (on session creation and on every id change), past any
 * servlet response wrapper, but asks its cookie processor with the request in hand: this processor
 * decides by the request that creates or renews the session. The widget's session is created by its
 * handshake ({@code /widget/session}) or its pages ({@code /widget}, {@code /embed/**}); a document
 * loaded into a frame ({@code Sec-Fetch-Dest: iframe}) is embedded too. Everything else, including
 * {@code /login} where a console session starts and changes its id, is the console.
 */
final class SessionCookiePolicy extends Rfc6265CookieProcessor {

    private final Supplier<String> sessionCookieName;

    /** @param sessionCookieName the context's session cookie name (JSESSIONID unless configured) */
    SessionCookiePolicy(Supplier<String> sessionCookieName) {
        this.sessionCookieName = sessionCookieName;
    }

    @Override
    public String generateHeader(Cookie cookie, HttpServletRequest request) {
        if (!cookie.getName().equals(sessionCookieName.get())) {
            return super.generateHeader(cookie, request);
        }
        Cookie styled = (Cookie) cookie.clone();
        styled.setSecure(true);
        styled.setHttpOnly(true);
        if (embedded(request)) {
            styled.setAttribute("SameSite", "None");
            styled.setAttribute("Partitioned", ""); // Tomcat writes "; Partitioned" for an empty value
        } else {
            styled.setAttribute("SameSite", "Lax");
            styled.setAttribute("Partitioned", "false"); // any other value: not partitioned
        }
        return super.generateHeader(styled, request);
    }

    /** True for the widget's own requests: its handshake, its view, the host bridge pages, or any framed document. */
    static boolean embedded(HttpServletRequest request) {
        String path = request.getRequestURI();
        String context = request.getContextPath();
        if (path == null) {
            return false;
        }
        if (context != null && !context.isEmpty() && path.startsWith(context)) {
            path = path.substring(context.length());
        }
        if (path.equals("/widget") || path.startsWith("/widget/") || path.startsWith("/embed/")) {
            return true;
        }
        String destination = request.getHeader("Sec-Fetch-Dest");
        return "iframe".equalsIgnoreCase(destination) || "frame".equalsIgnoreCase(destination);
    }
}

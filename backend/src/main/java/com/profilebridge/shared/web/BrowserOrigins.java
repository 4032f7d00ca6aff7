package com.profilebridge.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;

/**
 * Whether a browser page of another site made the browser send a request: what the edge checks
 * refuse on the integration API and the widget handshake, and what the resolve fast path leaves to
 * them.
 */
public final class BrowserOrigins {

    private BrowserOrigins() {}

    /**
     * A page of another site made the browser send this: the browser says so in {@code Sec-Fetch-Site}
     * or sends an {@code Origin} other than this server's. Same-origin pages (the API docs) may call.
     */
    public static boolean fromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site)) {
            return true;
        }
        return !sameOriginOrNone(request);
    }

    /** True without an {@code Origin} (not a browser's cross-origin request) or with this server's own. */
    public static boolean sameOriginOrNone(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String host = request.getHeader("Host");
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null) {
                return false; // "null" (sandboxed frames, file pages) and other opaque origins
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

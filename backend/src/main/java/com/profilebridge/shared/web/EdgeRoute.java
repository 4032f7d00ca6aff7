package com.profilebridge.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The route families of this server, told apart by the <em>decoded, normalised</em> path (what the
 * servlet container and Spring map on), never by the raw request URI: {@code /%761/profiles/resolve}
 * is {@code /v1/profiles/resolve} to every mapping, so it is to the edge checks too.
 */
public enum EdgeRoute {
    /** {@code /v1/**}: the IVR and outcome integrations (and the operator API). */
    INTEGRATION,
    /** {@code /widget/session}, {@code /widget/config}: the widget's bridge-page handshake. */
    WIDGET_HANDSHAKE,
    /** {@code /api/**}: the REST profile proxy for other agent widgets. */
    PROXY,
    /** {@code /login}, {@code /logout}, {@code /__demo/**}: form logins. */
    LOGIN,
    /** Actuator, the OpenAPI documents, the bench hooks. */
    OPERATIONS,
    /** Vaadin's own traffic: UIDL, heartbeat and push requests ({@code v-r=...}, {@code /VAADIN/**}). */
    VAADIN,
    /** Everything else: pages and static files (no request body expected). */
    OTHER;

    /** The decoded, normalised path within the application ({@code /v1/profiles/resolve}). */
    public static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = pathInfo == null ? servletPath : servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }

    /** The family of the request, from its decoded path (and, for Vaadin, its query string). */
    public static EdgeRoute of(HttpServletRequest request) {
        return of(pathOf(request), request.getQueryString());
    }

    static EdgeRoute of(String path, @Nullable String query) {
        if (under(path, "/v1")) {
            return INTEGRATION;
        }
        if (path.equals("/widget/session") || path.equals("/widget/config")) {
            return WIDGET_HANDSHAKE;
        }
        if (under(path, "/api")) {
            return PROXY;
        }
        if (path.equals("/login") || path.equals("/logout") || under(path, "/__demo")) {
            return LOGIN;
        }
        if (under(path, "/actuator") || under(path, "/v3/api-docs") || under(path, "/swagger-ui")
                || path.equals("/swagger-ui.html") || under(path, "/__bench")) {
            return OPERATIONS;
        }
        // the query string, not getParameter(): that would parse (read) a form body here
        if (under(path, "/VAADIN") || (query != null && (query.startsWith("v-r=") || query.contains("&v-r=")))) {
            return VAADIN;
        }
        return OTHER;
    }

    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}

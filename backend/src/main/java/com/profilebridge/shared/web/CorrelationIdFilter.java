package com.profilebridge.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.AlternativeJdkIdGenerator;
import org.springframework.util.IdGenerator;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request log with a correlation id: taken from {@code ININ-Correlation-Id} (Genesys) or
 * {@code X-Correlation-Id}, else generated; echoed back and put in the logging MDC.
 */
@Component
@Order(CorrelationIdFilter.ORDER)
public class CorrelationIdFilter extends OncePerRequestFilter {

    /**
     * Right behind the resolve fast path (highest precedence + 1), which opens a correlation of its
     * own for the answers it gives; before every other filter of this application.
     */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;
    public static final String MDC_KEY = "correlationId";
    public static final String RESPONSE_HEADER = "X-Correlation-Id";
    /**
     * Request attribute: {@link System#nanoTime()} when the request arrived (budgets count from it);
     * set by the first of this filter and the resolve fast path to see the request.
     */
    public static final String RECEIVED_NANOS = "com.profilebridge.receivedNanos";
    private static final Logger log = LoggerFactory.getLogger("com.profilebridge.requests");
    // Correlation ids come from outside: keep them short and printable so they cannot forge log lines.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    // Random, unique, not secret: seeded once from SecureRandom, without its lock on every request
    private static final IdGenerator IDS = new AlternativeJdkIdGenerator();
    private static final Pattern SAFE_ORG = Pattern.compile("[A-Za-z0-9-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (Correlation ignored = open(request, response)) {
            chain.doFilter(request, response);
        }
    }

    /**
     * Opens the request's correlation: the id taken or generated, echoed in the answer and put in the
     * MDC. Closing it writes the request log line and clears the MDC. This filter opens one around
     * the rest of the chain; the resolve fast path, which answers before this filter runs, opens one
     * around its answer, so both log and echo alike.
     */
    public static Correlation open(HttpServletRequest request, HttpServletResponse response) {
        String id = firstSafe(request.getHeader("ININ-Correlation-Id"), request.getHeader(RESPONSE_HEADER));
        if (id == null) {
            id = IDS.generateId().toString();
        }
        String org = request.getHeader("ININ-Organization-Id");
        markReceived(request);
        MDC.put(MDC_KEY, id);
        if (org != null && SAFE_ORG.matcher(org).matches()) {
            MDC.put("organizationId", org);
        }
        response.setHeader(RESPONSE_HEADER, id);
        return new Correlation(request, response, org != null);
    }

    /** An open correlation: {@link #close()} logs the request and clears the MDC. */
    public static final class Correlation implements AutoCloseable {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final boolean namesOrganisation;

        private Correlation(HttpServletRequest request, HttpServletResponse response, boolean namesOrganisation) {
            this.request = request;
            this.response = response;
            this.namesOrganisation = namesOrganisation;
        }

        @Override
        public void close() {
            if (log.isInfoEnabled() && !isQuiet(request)) {
                log.info(
                        "{} {} -> {} in {} ms{}",
                        request.getMethod(),
                        request.getRequestURI(),
                        response.getStatus(),
                        (System.nanoTime() - receivedNanos(request)) / 1_000_000,
                        namesOrganisation ? " org=" + MDC.get("organizationId") : "");
            }
            MDC.remove(MDC_KEY);
            MDC.remove("organizationId");
        }
    }

    private static boolean isQuiet(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.startsWith("/VAADIN/") || uri.startsWith("/actuator/prometheus") || uri.startsWith("/__bench/");
    }

    private static @org.jspecify.annotations.Nullable String firstSafe(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && SAFE.matcher(candidate).matches()) {
                return candidate;
            }
        }
        return null;
    }

    /** Notes that the request arrives now ({@link #RECEIVED_NANOS}), unless a filter before noted it already. */
    public static void markReceived(HttpServletRequest request) {
        if (!(request.getAttribute(RECEIVED_NANOS) instanceof Long)) {
            request.setAttribute(RECEIVED_NANOS, System.nanoTime());
        }
    }

    /** When the request arrived ({@link System#nanoTime()}); now, for a request this filter did not see. */
    public static long receivedNanos(HttpServletRequest request) {
        return request.getAttribute(RECEIVED_NANOS) instanceof Long nanos ? nanos : System.nanoTime();
    }

    /** The current request's correlation id, or a fresh one outside a request. */
    public static String current() {
        String id = MDC.get(MDC_KEY);
        return id != null ? id : IDS.generateId().toString();
    }
}

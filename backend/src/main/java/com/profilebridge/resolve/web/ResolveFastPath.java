package com.profilebridge.resolve.web;

import com.profilebridge.ratelimit.RateLimits;
import com.profilebridge.resolve.ResolveEndpoint;
import com.profilebridge.resolve.ResolveRequest;
import com.profilebridge.security.ApiResponseHeaders;
import com.profilebridge.security.CallerAuthenticator;
import com.profilebridge.shared.web.BrowserOrigins;
import com.profilebridge.shared.web.CorrelationIdFilter;
import com.profilebridge.shared.web.IntegrationBodies;
import com.profilebridge.shared.web.JsonContent;
import com.profilebridge.shared.web.ProblemWriter;
import com.profilebridge.shared.web.TooManyRequests;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The IVR hot path without the generic web stack. A cache hit is a few microseconds of resolve
 * logic, but Spring Security's filter chain, the dispatcher, MVC's argument and return value
 * handling and the servlet filters in front of them cost more than that again (docs/BENCHMARKS.md).
 * This filter runs before all of them but the frame-ancestors header and the character encoding
 * (highest precedence + 1) and serves a well-formed, authorised {@code POST /v1/profiles/resolve}
 * directly, doing for it what those filters would: the edge checks (another site's browser page, the
 * content type, the body's size cap), reading the body the way the integration body filter does
 * ({@link IntegrationBodies}: CXone's form-encoded JSON included), the correlation id and request
 * log line ({@link CorrelationIdFilter#open}), the same caller check ({@link CallerAuthenticator}),
 * the same rate limit, the same JSON mapper and {@link ResolveEndpoint}, and the headers Spring
 * Security would have added. Its answers are measured by the resolve latency histogram, not by
 * {@code http.server.requests} (whose filter runs after it).
 *
 * <p>Everything else goes on down the chain as it arrived (a body it read is handed on unread):
 * a browser request from another site, another content type or {@code Accept}, a body without a
 * declared length or above the cap, a missing or wrong credential, a caller without the
 * {@code INTEGRATION} role, a body that is not a JSON object with an identifier. So every error
 * answer but the rate limit's still comes from one place (the edge checks, the security chain,
 * {@link ResolveController} and the problem details advice), and with
 * {@code bridge.resolve.fast-path=false} the controller serves every request: a test compares both.
 */
final class ResolveFastPath implements Filter {

    static final String PATH = "/v1/profiles/resolve";

    private final CallerAuthenticator callers;
    private final ResolveEndpoint resolve;
    private final RateLimits limits;
    private final IntegrationBodies bodies;
    private final ObjectReader json;

    ResolveFastPath(CallerAuthenticator callers, ResolveEndpoint resolve, RateLimits limits, IntegrationBodies bodies,
            JsonMapper json) {
        this.callers = callers;
        this.resolve = resolve;
        this.limits = limits;
        this.bodies = bodies;
        this.json = json.readerFor(ResolveRequest.class);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!candidate(request)) {
            chain.doFilter(request, response);
            return;
        }
        CorrelationIdFilter.markReceived(request);
        Optional<String> integration = callers.integration(request);
        if (integration.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String name = integration.get();
        // where the full stack takes it too: after the caller check, before the body is read
        try {
            limits.checkIntegration(request, name);
        } catch (TooManyRequests e) {
            try (var correlation = CorrelationIdFilter.open(request, response)) {
                ApiResponseHeaders.write(request, response);
                ProblemWriter.tooManyRequests(response, e);
            }
            return;
        }
        IntegrationBodies.Body body = bodies.read(request);
        ResolveRequest parsed = body == null ? null : parse(body.json());
        if (parsed == null) {
            // the full stack answers it (a body above the cap: the edge checks' 413, as before)
            chain.doFilter(body == null ? request : IntegrationBodies.unread(request, body.raw()), response);
            return;
        }
        try (var correlation = CorrelationIdFilter.open(request, response)) {
            MDC.put("caller", name);
            byte[] answer = limits.runAs(RateLimits.integrationKey(name),
                    () -> resolve.resolve(parsed, name, CorrelationIdFilter.receivedNanos(request)));
            ApiResponseHeaders.write(request, response);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(answer.length);
            response.getOutputStream().write(answer);
        } finally {
            MDC.remove("caller");
        }
    }

    /**
     * A request this filter may answer, by what costs nothing to check: the method and exact path (an
     * encoded path goes the long way), a JSON or form-encoded body of a declared length within the
     * cap, an {@code Accept} that takes JSON, and no sign of a browser page of another site.
     */
    private boolean candidate(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI())) {
            return false;
        }
        String contentType = request.getContentType();
        long length = request.getContentLengthLong();
        return (JsonContent.isJson(contentType) || IntegrationBodies.isFormEncoded(contentType))
                && length >= 0 && length <= bodies.maxBodyBytes()
                && JsonContent.acceptsJson(request.getHeader("Accept"))
                && !BrowserOrigins.fromAnotherSite(request);
    }

    /**
     * The request when it is one the controller would resolve; null when the body is empty, not JSON,
     * not an object, or names no identifier (the controller then answers the problem details).
     */
    private @Nullable ResolveRequest parse(byte[] body) {
        ResolveRequest request;
        try {
            request = json.readValue(body);
        } catch (JacksonException e) {
            return null;
        }
        return request != null && request.namesAnIdentifier() ? request : null;
    }
}

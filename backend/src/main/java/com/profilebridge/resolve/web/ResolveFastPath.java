package com.profilebridge.resolve.web;

import com.profilebridge.ratelimit.RateLimits;
import com.profilebridge.resolve.ResolveEndpoint;
import com.profilebridge.resolve.ResolveRequest;
import com.profilebridge.security.ApiResponseHeaders;
import com.profilebridge.security.CallerAuthenticator;
import com.profilebridge.shared.web.CorrelationIdFilter;
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
 * logic, but Spring Security's filter chain, the dispatcher and the MVC argument and return value
 * handling cost more than twice that again (docs/BENCHMARKS.md). This filter serves a well-formed,
 * authorised {@code POST /v1/profiles/resolve} directly, after the correlation id and body filters
 * have run, with the same caller check ({@link CallerAuthenticator}), the same JSON mapper, the same
 * {@link ResolveEndpoint} and the headers Spring Security would have added. Its answers are measured
 * by the resolve latency histogram, not by {@code http.server.requests} (whose filter runs after it).
 *
 * <p>Everything else goes on down the chain unchanged: a missing or wrong credential, a caller
 * without the {@code INTEGRATION} role, another content type or {@code Accept}, a body that is not
 * a JSON object with an identifier. So every error answer still comes from one place (the security
 * chain, {@link ResolveController} and the problem details advice), and with
 * {@code bridge.resolve.fast-path=false} the controller serves every request: a test compares both.
 */
final class ResolveFastPath implements Filter {

    static final String PATH = "/v1/profiles/resolve";

    private final CallerAuthenticator callers;
    private final ResolveEndpoint resolve;
    private final RateLimits limits;
    private final ObjectReader json;

    ResolveFastPath(CallerAuthenticator callers, ResolveEndpoint resolve, RateLimits limits, JsonMapper json) {
        this.callers = callers;
        this.resolve = resolve;
        this.limits = limits;
        this.json = json.readerFor(ResolveRequest.class);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!"POST".equals(request.getMethod()) || !PATH.equals(request.getRequestURI())
                || !JsonContent.isJson(request.getContentType())
                || !JsonContent.acceptsJson(request.getHeader("Accept"))) {
            chain.doFilter(request, response);
            return;
        }
        Optional<CallerAuthenticator.Caller> caller = callers.authenticate(request);
        boolean integration = caller.isPresent() && caller.get().hasRole(CallerAuthenticator.INTEGRATION);
        if (integration) {
            // where the full stack takes it too: after the caller check, before the body is read
            try {
                limits.checkIntegration(request, caller.get().name());
            } catch (TooManyRequests e) {
                ApiResponseHeaders.write(request, response);
                ProblemWriter.tooManyRequests(response, e);
                return;
            }
        }
        ResolveRequest body = integration ? read(request) : null;
        if (body == null) {
            chain.doFilter(request, response);
            return;
        }
        String name = caller.get().name();
        MDC.put("caller", name);
        try {
            byte[] answer = limits.runAs(RateLimits.integrationKey(name),
                    () -> resolve.resolve(body, name, CorrelationIdFilter.receivedNanos(request)));
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
     * The request when it is one the controller would resolve; null when the body is empty, not JSON,
     * not an object, or names no identifier (the controller then answers the problem details). The
     * body filter has buffered the body, so the controller can read it again.
     */
    private @Nullable ResolveRequest read(HttpServletRequest request) throws IOException {
        ResolveRequest body;
        try {
            body = json.readValue(request.getInputStream());
        } catch (JacksonException e) {
            return null;
        }
        return body != null && body.namesAnIdentifier() ? body : null;
    }
}

package com.profilebridge.outcome.web;

import com.profilebridge.outcome.OutcomeIntake;
import com.profilebridge.outcome.TrackAnswer;
import com.profilebridge.ratelimit.RateLimits;
import com.profilebridge.security.ApiResponseHeaders;
import com.profilebridge.security.CallerAuthenticator;
import com.profilebridge.shared.web.IntegrationBodyFilter;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outcome intake without the generic web stack, as {@code ResolveFastPath} does for the IVR: an
 * authorised {@code POST /v1/interactions/track} with a JSON object body is taken in here, after
 * the correlation id, edge checks and body filters, with the same caller check
 * ({@link CallerAuthenticator}), the same rate limit, the same {@link OutcomeIntake} and the headers
 * Spring Security would have added. Spring Security's chain, the dispatcher and MVC's argument and
 * return value handling cost more CPU per outcome than the intake itself (docs/BENCHMARKS.md).
 *
 * <p>Only the 202 is answered here. Anything else goes on down the chain unchanged (missing or
 * wrong credentials, a caller without the {@code INTEGRATION} role, another content type or
 * {@code Accept}, an empty or malformed body), and so does a request the intake refused: the
 * exception travels in a request attribute and {@link TrackController} rethrows it without taking
 * the outcome in a second time. Every error answer therefore still comes from one place (the
 * security chain and the problem details advice); with {@code bridge.outcomes.fast-path=false}
 * the controller serves every request, and a test compares both. Answers given here are counted by
 * {@code outcomes.intake}, not observed by {@code http.server.requests}.
 */
final class TrackFastPath implements Filter {

    static final String PATH = "/v1/interactions/track";
    /** Request attribute: what the intake threw here, for the controller to answer. */
    static final String REFUSED = TrackFastPath.class.getName() + ".refused";

    private final CallerAuthenticator callers;
    private final OutcomeIntake intake;
    private final RateLimits limits;
    private final JsonMapper json;
    private final ObjectWriter answers;

    TrackFastPath(CallerAuthenticator callers, OutcomeIntake intake, RateLimits limits, JsonMapper json) {
        this.callers = callers;
        this.intake = intake;
        this.limits = limits;
        this.json = json;
        this.answers = json.writerFor(TrackAnswer.class);
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
        Optional<String> integration = callers.integration(request);
        if (integration.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String name = integration.get();
        try {
            // where the full stack takes it too: after the caller check, before the body is read
            limits.checkIntegration(request, name);
        } catch (TooManyRequests e) {
            ApiResponseHeaders.write(request, response);
            ProblemWriter.tooManyRequests(response, e);
            return;
        }
        // the body filter has buffered the body: the controller can read it again
        byte[] body = request.getInputStream().readAllBytes();
        JsonNode tree = body.length == 0 ? null : parse(body);
        if (tree == null) {
            chain.doFilter(request, response);
            return;
        }
        // the bytes as sent: the body filter keeps them aside only when it converted a form body
        byte[] raw = request.getAttribute(IntegrationBodyFilter.RAW_BODY) instanceof byte[] bytes ? bytes : body;
        OutcomeIntake.Signed signed = new OutcomeIntake.Signed(request.getHeader("webhook-id"),
                request.getHeader("webhook-timestamp"), request.getHeader("webhook-signature"), raw);
        TrackAnswer answer;
        MDC.put("caller", name);
        try {
            answer = limits.runAs(RateLimits.integrationKey(name), () -> intake.track(tree, name, signed));
        } catch (RuntimeException refused) {
            request.setAttribute(REFUSED, refused);
            chain.doFilter(request, response);
            return;
        } finally {
            MDC.remove("caller");
        }
        byte[] out = answers.writeValueAsBytes(answer);
        ApiResponseHeaders.write(request, response);
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }

    private @Nullable JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}

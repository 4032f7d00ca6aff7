package com.profilebridge.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the bodies of the platform integration endpoints ({@code /v1/**}, matched on the decoded
 * path) before anything else behind it touches them, through {@link IntegrationBodies}: CXone's
 * {@code application/x-www-form-urlencoded} single-line JSON becomes plain JSON. The edge checks
 * before it have refused other content types and capped the size ({@code bridge.edge.body.integration});
 * the cap is applied again here, so this filter never buffers more whatever runs before it.
 * {@code text/plain} is not converted: it is what a cross-site HTML form can send without a preflight.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class IntegrationBodyFilter extends OncePerRequestFilter {

    /** Request attribute: the body exactly as received, when it was converted (CXone's form bodies). */
    public static final String RAW_BODY = IntegrationBodyFilter.class.getName() + ".raw";
    private final IntegrationBodies bodies;

    IntegrationBodyFilter(IntegrationBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || EdgeRoute.of(request) != EdgeRoute.INTEGRATION;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IntegrationBodies.Body body = bodies.read(request);
        if (body == null) {
            response.setHeader("Connection", "close");
            ProblemWriter.write(response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "The request body is larger than " + bodies.maxBodyBytes() + " bytes.");
            return;
        }
        chain.doFilter(buffered(request, body), response);
    }

    /**
     * The request with its body read: a converted body under the JSON content type, with the bytes
     * as sent in {@link #RAW_BODY} (a signature covers those, not the JSON they became).
     */
    private static HttpServletRequest buffered(HttpServletRequest request, IntegrationBodies.Body body) {
        if (body.converted()) {
            request.setAttribute(RAW_BODY, body.raw());
            return new BufferedBodyRequest(request, body.json(), MediaType.APPLICATION_JSON_VALUE,
                    BufferedBodyRequest.Parameters.NONE);
        }
        return new BufferedBodyRequest(request, body.json(), request.getContentType(),
                BufferedBodyRequest.Parameters.NONE);
    }
}

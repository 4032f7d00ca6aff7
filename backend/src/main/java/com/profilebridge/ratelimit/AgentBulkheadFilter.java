package com.profilebridge.ratelimit;

import com.profilebridge.shared.web.EdgeRoute;
import com.profilebridge.shared.web.ProblemWriter;
import io.github.resilience4j.bulkhead.Bulkhead;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Widget, proxy and UI requests share a Resilience4j bulkhead of {@code bridge.rate-limit.agent-concurrency}
 * places, taken before their tokens are checked (a Genesys check can take seconds): however many
 * agents, slow platforms or floods, the rest of Tomcat's threads stay free for the IVR, whose
 * routes ({@code /v1/**}) and the operations endpoints never enter it.
 */
final class AgentBulkheadFilter extends OncePerRequestFilter {

    private final Bulkhead bulkhead;

    AgentBulkheadFilter(Bulkhead bulkhead) {
        this.bulkhead = bulkhead;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        EdgeRoute route = EdgeRoute.of(request);
        return route == EdgeRoute.INTEGRATION || route == EdgeRoute.OPERATIONS;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!bulkhead.tryAcquirePermission()) {
            response.setHeader("Retry-After", "1");
            ProblemWriter.write(response, HttpStatus.SERVICE_UNAVAILABLE, "busy",
                    "Too many agent requests at once; retry in a moment.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            bulkhead.onComplete();
        }
    }
}

package com.profilebridge.widget.web;

import com.profilebridge.widget.WidgetSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A widget session lives no longer than the platform token it was opened with: the first request
 * after the token's expiry ends the whole server session (security context included) before Spring
 * Security or Vaadin read it, so no view, search, Refresh or on-demand detail serves anything past
 * that instant. The agent signs in again in the widget (the bridge page's login popup).
 */
class WidgetSessionExpiryFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WidgetSessionExpiryFilter.class);

    private final Clock clock;

    WidgetSessionExpiryFilter(Clock clock) {
        this.clock = clock;
    }

    /** The stateless APIs (IVR, outcomes, proxy) never carry a widget session: not even a session lookup. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/v1/") || path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                if (session.getAttribute(WidgetSession.ATTRIBUTE) instanceof WidgetSession widget
                        && widget.expired(clock.instant())) {
                    session.invalidate();
                    log.info("Widget session of {} ended: the platform token expired at {}", widget.agent().actor(),
                            widget.agent().expiresAt());
                }
            } catch (IllegalStateException alreadyInvalidated) {
                // another request ended it first
            }
        }
        chain.doFilter(request, response);
    }
}

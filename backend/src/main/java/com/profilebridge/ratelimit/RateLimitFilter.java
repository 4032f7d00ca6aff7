package com.profilebridge.ratelimit;

import com.profilebridge.agent.AgentIdentity;
import com.profilebridge.shared.web.EdgeRoute;
import com.profilebridge.shared.web.ProblemWriter;
import com.profilebridge.shared.web.TooManyRequests;
import com.profilebridge.widget.WidgetSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.security.core.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the per-caller limits once the caller is known, i.e. right behind Spring Security and
 * before any controller or Vaadin handles the request:
 *
 * <ul>
 *   <li>{@code /v1/**}: the authenticated integration's limit (unless the fast path counted it);
 *   <li>{@code /api/**}: the agent's limit, and for {@code refresh=true} the agent's refresh limit;
 *   <li>Vaadin requests (UIDL posts) of a widget session or a console user: the agent's limit.
 * </ul>
 *
 * Requests run as their caller, so the "nobody matched" quota knows whom to count.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;

    RateLimitFilter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key;
        try {
            key = check(request);
        } catch (TooManyRequests e) {
            ProblemWriter.tooManyRequests(response, e);
            return;
        }
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        String previous = limits.enter(key);
        try {
            chain.doFilter(request, response);
        } finally {
            limits.exit(previous);
        }
    }

    /** Takes the request's permits; the key its cache entries count against, null when anonymous. */
    private @Nullable String check(HttpServletRequest request) {
        EdgeRoute route = EdgeRoute.of(request);
        Principal principal = request.getUserPrincipal();
        switch (route) {
            case INTEGRATION -> {
                if (principal == null) {
                    return null;
                }
                limits.checkIntegration(request, principal.getName());
                return RateLimits.integrationKey(principal.getName());
            }
            case PROXY -> {
                AgentIdentity agent = principal instanceof Authentication authentication
                        && authentication.getPrincipal() instanceof AgentIdentity identity ? identity : null;
                if (agent == null) {
                    return null;
                }
                limits.checkAgent(agent.actor(), refreshRequested(request));
                return RateLimits.agentKey(agent.actor());
            }
            case VAADIN -> {
                String actor = uiActor(request, principal);
                if (actor == null) {
                    return null;
                }
                if ("POST".equals(request.getMethod())) {
                    limits.checkAgent(actor, false); // UIDL: the agent's clicks, searches and refreshes
                }
                return RateLimits.agentKey(actor);
            }
            default -> {
                return null;
            }
        }
    }

    /** The widget session's agent, else the console user; null for anonymous pages. */
    private static @Nullable String uiActor(HttpServletRequest request, @Nullable Principal principal) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                if (session.getAttribute(WidgetSession.ATTRIBUTE) instanceof WidgetSession widget) {
                    return widget.agent().actor();
                }
            } catch (IllegalStateException invalidated) {
                return null;
            }
        }
        return principal == null ? null : "console:" + principal.getName();
    }

    /**
     * As Spring binds {@code @RequestParam boolean refresh} ({@code true}, {@code on}, {@code yes},
     * {@code 1}, any case): any value that reads as true counts, so no spelling slips past the limit.
     */
    static boolean refreshRequested(HttpServletRequest request) {
        String[] values = request.getParameterValues("refresh");
        if (values == null) {
            return false;
        }
        for (String value : values) {
            try {
                if (Boolean.TRUE.equals(DefaultConversionService.getSharedInstance().convert(value.strip(),
                        Boolean.class))) {
                    return true;
                }
            } catch (ConversionException | IllegalArgumentException notABoolean) {
                // the controller answers 400 for it
            }
        }
        return false;
    }
}

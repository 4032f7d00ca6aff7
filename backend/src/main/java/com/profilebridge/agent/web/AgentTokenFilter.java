package com.profilebridge.agent.web;

import com.profilebridge.agent.AgentCredential;
import com.profilebridge.agent.AgentIdentity;
import com.profilebridge.agent.AgentPlatform;
import com.profilebridge.agent.AgentPlatformUnavailable;
import com.profilebridge.agent.AgentTokenRejected;
import com.profilebridge.agent.AgentTokens;
import com.profilebridge.shared.web.ProblemWriter;
import com.profilebridge.shared.web.TooManyRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates proxy calls by the agent's platform token: {@code Authorization: Bearer <token>},
 * the platform from {@value #PLATFORM_HEADER} ({@code genesys} | {@code cxone}; without it a JWT is
 * taken for CXone, anything else for Genesys) and, for Genesys, the environment from
 * {@value #ENVIRONMENT_HEADER}. A refused token ends the request here with 401, an unreachable
 * platform with 503: nothing behind this filter (no CDP call) runs for them.
 */
class AgentTokenFilter extends OncePerRequestFilter {

    static final String PLATFORM_HEADER = "X-Agent-Platform";
    static final String ENVIRONMENT_HEADER = "X-Genesys-Environment";
    /** Request attribute holding the validated {@link AgentIdentity}. */
    static final String IDENTITY = "com.profilebridge.agent.AgentIdentity";
    /**
     * Request attribute holding the validated token as an {@link AgentCredential}, for the participant
     * check; it lives as long as the request and is never logged.
     */
    static final String CREDENTIAL = "com.profilebridge.agent.AgentCredential";

    private final AgentTokens tokens;
    private final SecurityContextHolderStrategy contexts;

    AgentTokenFilter(AgentTokens tokens, SecurityContextHolderStrategy contexts) {
        this.tokens = tokens;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = bearer(request.getHeader("Authorization"));
        if (token == null) {
            chain.doFilter(request, response); // anonymous: the entry point answers 401
            return;
        }
        String platformHeader = request.getHeader(PLATFORM_HEADER);
        Optional<AgentPlatform> platform = platformHeader == null || platformHeader.isBlank()
                ? Optional.of(AgentTokens.looksLikeJwt(token) ? AgentPlatform.CXONE : AgentPlatform.GENESYS)
                : AgentPlatform.parse(platformHeader);
        if (platform.isEmpty()) {
            ProblemWriter.write(response, HttpStatus.BAD_REQUEST, "unknown-agent-platform",
                    PLATFORM_HEADER + " must be 'genesys' or 'cxone'.");
            return;
        }
        AgentIdentity agent;
        String environment = request.getHeader(ENVIRONMENT_HEADER);
        try {
            agent = tokens.validate(platform.get(), token, environment);
        } catch (AgentTokenRejected e) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            ProblemWriter.write(response, HttpStatus.UNAUTHORIZED, "invalid-agent-token", e.getMessage());
            return;
        } catch (TooManyRequests e) {
            ProblemWriter.tooManyRequests(response, e); // too many token checks from this address
            return;
        } catch (AgentPlatformUnavailable e) {
            response.setHeader("Retry-After", "5");
            ProblemWriter.write(response, HttpStatus.SERVICE_UNAVAILABLE,
                    e.platform() == AgentPlatform.GENESYS ? "genesys-unavailable" : "cxone-unavailable",
                    e.getMessage());
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                agent, null, List.of(new SimpleGrantedAuthority("ROLE_AGENT")));
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        request.setAttribute(IDENTITY, agent);
        request.setAttribute(CREDENTIAL, new AgentCredential(platform.get(), token, environment));
        MDC.put("agent", agent.actor());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("agent");
        }
    }

    private static @Nullable String bearer(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}

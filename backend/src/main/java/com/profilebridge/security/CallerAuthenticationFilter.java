package com.profilebridge.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates platform integrations by HTTP Basic or API-key header (see {@link CallerAuthenticator}). */
class CallerAuthenticationFilter extends OncePerRequestFilter {

    private final CallerAuthenticator callers;
    private final SecurityContextHolderStrategy contexts;

    /**
     * @param contexts the strategy the filter chain itself uses (Vaadin installs its own): writing to
     *     another one would leave the caller anonymous to the authorization filter
     */
    CallerAuthenticationFilter(CallerAuthenticator callers, SecurityContextHolderStrategy contexts) {
        this.callers = callers;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CallerAuthenticator.Caller> caller = callers.authenticate(request);
        if (caller.isPresent()) {
            var authentication = UsernamePasswordAuthenticationToken.authenticated(
                    caller.get().name(), null, caller.get().authorities());
            // the caller itself, for whoever needs more than the name (the OAuth client an audit record names)
            authentication.setDetails(caller.get());
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(authentication);
            contexts.setContext(context);
            MDC.put("caller", caller.get().name());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("caller");
        }
    }
}

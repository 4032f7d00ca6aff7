package com.profilebridge.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.MDC;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates platform integrations by HTTP Basic or API-key header (see {@link CallerProperties}). */
class CallerAuthenticationFilter extends OncePerRequestFilter {

    private final CallerCredentials credentials;
    private final Map<String, List<SimpleGrantedAuthority>> roles;
    private final String apiKeyHeader;
    private final SecurityContextHolderStrategy contexts;

    /**
     * @param contexts the strategy the filter chain itself uses (Vaadin installs its own): writing to
     *     another one would leave the caller anonymous to the authorization filter
     */
    CallerAuthenticationFilter(CallerCredentials credentials, Map<String, CallerProperties.Caller> callers,
            String apiKeyHeader, SecurityContextHolderStrategy contexts) {
        this.credentials = credentials;
        this.roles = callers.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> e.getValue().roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.strip())).toList()));
        this.apiKeyHeader = apiKeyHeader;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> caller = Optional.empty();
        String apiKey = request.getHeader(apiKeyHeader);
        String authorization = request.getHeader("Authorization");
        if (apiKey != null && !apiKey.isBlank()) {
            caller = credentials.authenticate(null, apiKey.strip());
        } else if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            caller = basic(authorization.substring(6).strip());
        }
        if (caller.isPresent()) {
            var authentication = UsernamePasswordAuthenticationToken.authenticated(
                    caller.get(), null, roles.getOrDefault(caller.get(), List.of()));
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(authentication);
            contexts.setContext(context);
            MDC.put("caller", caller.get());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("caller");
        }
    }

    private Optional<String> basic(String token) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return credentials.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}

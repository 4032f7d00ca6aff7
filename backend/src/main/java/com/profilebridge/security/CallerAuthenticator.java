package com.profilebridge.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Recognises a platform integration by its credentials: HTTP Basic (user = caller name, password =
 * one of its secrets) or the API-key header carrying a secret. The {@code /v1/**} filter chain uses
 * it, and so does the IVR resolve fast path, which answers without the generic web stack but must
 * admit exactly the same callers.
 */
public final class CallerAuthenticator {

    /** The role that may call resolve and track (the default of every caller). */
    public static final String INTEGRATION = "INTEGRATION";
    /** The role of the outcome operations API. */
    public static final String OPERATOR = "OPERATOR";

    /** An authenticated integration and its roles ({@code ROLE_INTEGRATION}, {@code ROLE_OPERATOR}). */
    public record Caller(String name, List<GrantedAuthority> authorities) {

        public boolean hasRole(String role) {
            String wanted = "ROLE_" + role;
            for (GrantedAuthority authority : authorities) {
                if (wanted.equals(authority.getAuthority())) {
                    return true;
                }
            }
            return false;
        }
    }

    private final CallerCredentials credentials;
    private final Map<String, List<GrantedAuthority>> roles;
    private final String apiKeyHeader;

    public CallerAuthenticator(CallerProperties properties) {
        this.credentials = new CallerCredentials(properties.callers());
        this.roles = properties.callers().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> e.getValue().roles().stream()
                        .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.strip()))
                        .toList()));
        this.apiKeyHeader = properties.apiKeyHeader();
    }

    /** The header an API key arrives in. */
    public String apiKeyHeader() {
        return apiKeyHeader;
    }

    /** The caller the request's credentials belong to; empty when there are none or they are wrong. */
    public Optional<Caller> authenticate(HttpServletRequest request) {
        Optional<String> caller = Optional.empty();
        String apiKey = request.getHeader(apiKeyHeader);
        String authorization = request.getHeader("Authorization");
        if (apiKey != null && !apiKey.isBlank()) {
            caller = credentials.authenticate(null, apiKey.strip());
        } else if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            caller = basic(authorization.substring(6).strip());
        }
        return caller.map(name -> new Caller(name, roles.getOrDefault(name, List.of())));
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

package com.profilebridge.security;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Recognises a platform integration by its credentials: HTTP Basic (user = caller name, password =
 * one of its secrets), the API-key header carrying a secret, or an OAuth bearer token of the
 * configured authorization server ({@link BearerCallers}). The {@code /v1/**} filter chain uses
 * it, and so does the IVR resolve fast path, which answers without the generic web stack but must
 * admit exactly the same callers.
 */
public final class CallerAuthenticator {

    /** The role that may call resolve and track (the default of every caller). */
    public static final String INTEGRATION = "INTEGRATION";
    /** The role of the outcome operations API. */
    public static final String OPERATOR = "OPERATOR";
    /**
     * The role of {@code POST /v1/erasures} (a data-subject-request tool): granted by bearer tokens
     * only, and only when the token itself carries it ({@link CallerNamesCheck} refuses other set-ups).
     */
    public static final String ERASURE = "ERASURE";

    /**
     * An authenticated integration and its roles ({@code ROLE_INTEGRATION}, {@code ROLE_OPERATOR}).
     *
     * @param clientId the OAuth client of a bearer token (what audit records name); null for HTTP
     *     Basic and API keys
     */
    public record Caller(String name, List<GrantedAuthority> authorities, @Nullable String clientId) {

        /** A caller by secret (HTTP Basic, API key): no OAuth client. */
        public Caller(String name, List<GrantedAuthority> authorities) {
            this(name, authorities, null);
        }

        /**
         * The OAuth client behind a {@code /v1} request's authentication, when it came with a bearer
         * token (the chain's filter keeps the caller as the authentication's details).
         */
        public static Optional<String> clientIdOf(@Nullable Authentication authentication) {
            return authentication != null && authentication.getDetails() instanceof Caller caller
                    ? Optional.ofNullable(caller.clientId())
                    : Optional.empty();
        }

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

    /**
     * Where a bearer token's outcome is kept for the rest of the request: the fast path checks the
     * caller, then hands anything it does not answer to the security chain, which checks again.
     */
    private static final String BEARER_OUTCOME = CallerAuthenticator.class.getName() + ".bearer";

    private final CallerCredentials credentials;
    private final Map<String, List<GrantedAuthority>> roles;
    private final String apiKeyHeader;
    private final @Nullable BearerCallers bearer;

    /** Callers by Basic and API key, and by bearer token when {@code bridge.security.jwt} is configured. */
    public CallerAuthenticator(CallerProperties properties, Clock clock) {
        this(properties, properties.jwt().enabled() ? BearerCallers.decoder(properties.jwt(), clock) : null, clock,
                Ticker.systemTicker());
    }

    /** Callers by Basic and API key only (bearer tokens are never accepted). */
    public CallerAuthenticator(CallerProperties properties) {
        this(properties, null, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** With the token decoder and time given: tests move both. */
    CallerAuthenticator(CallerProperties properties, @Nullable JwtDecoder decoder, Clock clock, Ticker ticker) {
        this.bearer = decoder == null ? null : new BearerCallers(properties, decoder, clock, ticker);
        this.credentials = new CallerCredentials(properties.callers());
        // secrets never grant ERASURE (CallerNamesCheck refuses such a set-up at start; this holds without it)
        this.roles = properties.callers().entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> e.getValue().roles().stream().map(String::strip).filter(r -> !r.equalsIgnoreCase(ERASURE))
                        .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                        .toList()));
        this.apiKeyHeader = properties.apiKeyHeader();
    }

    /** The header an API key arrives in. */
    public String apiKeyHeader() {
        return apiKeyHeader;
    }

    /** True when the request presents a bearer token (whether or not bearer tokens are accepted here). */
    public static boolean presentsBearer(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
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
        } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(request, authorization.substring(7).strip());
        }
        return caller.map(name -> new Caller(name, roles.getOrDefault(name, List.of())));
    }

    /** The name of the request's caller when it is an integration (role {@code INTEGRATION}); else empty. */
    public Optional<String> integration(HttpServletRequest request) {
        return authenticate(request).filter(caller -> caller.hasRole(INTEGRATION)).map(Caller::name);
    }

    @SuppressWarnings("unchecked")
    private Optional<Caller> bearer(HttpServletRequest request, String token) {
        if (bearer == null || token.isEmpty()) {
            return Optional.empty();
        }
        if (request.getAttribute(BEARER_OUTCOME) instanceof Optional<?> known) {
            return (Optional<Caller>) known;
        }
        Optional<Caller> caller = bearer.authenticate(token);
        request.setAttribute(BEARER_OUTCOME, caller);
        return caller;
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

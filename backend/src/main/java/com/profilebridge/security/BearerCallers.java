package com.profilebridge.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.profilebridge.shared.Sha256;
import com.profilebridge.shared.web.IdentityProviderRequests;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * Callers presenting an OAuth access token ({@code Authorization: Bearer}): a JWT from the
 * configured authorization server, checked with Spring Security's resource-server decoder (signature
 * by the issuer's JWKS, issuer, audience, expiry), whose client id one configured caller lists. The
 * token then stands for that caller, so rate limits, organisations, webhook signatures and outcome
 * sources keyed by caller name apply unchanged.
 *
 * <p>A validated token is remembered under its SHA-256 (never the token itself) until its
 * {@code exp} or the cache TTL, whichever comes first, so the IVR fast path pays a hash and a map
 * look-up per call instead of a signature check. Rejections are not remembered (a flood of bad
 * tokens must not evict good ones), and nothing here logs a token.
 */
final class BearerCallers {

    private static final Logger log = LoggerFactory.getLogger(BearerCallers.class);

    /** A validated token: its caller (kept as the Optional handed out, so a hit allocates nothing) and expiry. */
    private record Validated(Optional<CallerAuthenticator.Caller> caller, Instant expiresAt) {}

    private final JwtDecoder decoder;
    private final Map<String, String> callerByClientId;
    private final Map<String, List<String>> configuredRoles;
    private final List<String> callerClaims;
    private final @Nullable String rolesClaim;
    private final Cache<ByteBuffer, Validated> validated;

    BearerCallers(CallerProperties properties, JwtDecoder decoder, Clock clock, Ticker ticker) {
        CallerProperties.Jwt jwt = properties.jwt();
        this.decoder = decoder;
        this.callerByClientId = clientIds(properties.callers());
        this.configuredRoles = properties.callers().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> e.getValue().roles().stream().map(String::strip).toList()));
        this.callerClaims = jwt.callerClaims().stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
        this.rolesClaim = jwt.rolesClaim() == null || jwt.rolesClaim().isBlank() ? null : jwt.rolesClaim().strip();
        if (jwt.algorithms().isEmpty()) {
            throw new IllegalStateException("bridge.security.jwt.algorithms must name at least one algorithm (RS256)");
        }
        if (callerClaims.isEmpty()) {
            throw new IllegalStateException("bridge.security.jwt.caller-claims must name at least one claim (azp)");
        }
        Duration ttl = jwt.cacheTtl();
        this.validated = Caffeine.newBuilder()
                .maximumSize(jwt.cacheSize())
                .ticker(ticker)
                // until the token expires or the TTL ends, whichever comes first
                .expireAfter(Expiry.<ByteBuffer, Validated>creating((key, value) -> {
                    Duration left = Duration.between(clock.instant(), value.expiresAt());
                    return left.isNegative() ? Duration.ZERO : left.compareTo(ttl) < 0 ? left : ttl;
                }))
                .build();
    }

    /** The caller this token stands for; empty when it is not valid here or names no configured caller. */
    Optional<CallerAuthenticator.Caller> authenticate(String token) {
        ByteBuffer key = ByteBuffer.wrap(Sha256.of(token));
        Validated hit = validated.getIfPresent(key);
        if (hit != null) {
            return hit.caller();
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtValidationException e) {
            log.info("Bearer token rejected: {}", e.getErrors().stream().map(OAuth2Error::getDescription).distinct()
                    .collect(Collectors.joining("; ")));
            return Optional.empty();
        } catch (JwtException e) {
            // BadJwtException: not a JWT, unknown key, bad signature; otherwise the JWKS could not be fetched
            log.info("Bearer token rejected: {}", e.getClass().getSimpleName());
            return Optional.empty();
        } catch (JwtDecoderInitializationException e) {
            // discovery failed: refused now, asked again with the next token
            log.warn("Bearer token rejected: the authorization server could not be asked ({})", e.getMessage());
            return Optional.empty();
        }
        String clientId = clientId(jwt);
        String caller = clientId == null ? null : callerByClientId.get(clientId);
        if (caller == null) {
            log.info("Bearer token rejected: client {} is not a configured caller (bridge.security.callers.<name>"
                    + ".client-ids)", clientId == null ? "(none named by " + callerClaims + ")" : clientId);
            return Optional.empty();
        }
        Optional<CallerAuthenticator.Caller> result = Optional.of(
                new CallerAuthenticator.Caller(caller, authorities(caller, jwt), clientId));
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt != null) {
            validated.put(key, new Validated(result, expiresAt));
        }
        return result;
    }

    private @Nullable String clientId(Jwt jwt) {
        for (String claim : callerClaims) {
            Object value = jwt.getClaims().get(claim);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    /** The caller's configured roles, narrowed to those the token carries when a roles claim is configured. */
    private List<GrantedAuthority> authorities(String caller, Jwt jwt) {
        List<String> roles = configuredRoles.getOrDefault(caller, List.of());
        if (rolesClaim != null) {
            Set<String> granted = tokenRoles(jwt.getClaims().get(rolesClaim));
            roles = roles.stream().filter(role -> granted.contains(role.toUpperCase(Locale.ROOT))).toList();
        }
        return roles.stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }

    private static Set<String> tokenRoles(@Nullable Object claim) {
        Set<String> roles = new TreeSet<>();
        if (claim instanceof String text) {
            for (String role : text.split("\\s+")) {
                roles.add(role.toUpperCase(Locale.ROOT));
            }
        } else if (claim instanceof Collection<?> values) {
            values.forEach(value -> roles.add(String.valueOf(value).toUpperCase(Locale.ROOT)));
        }
        return roles;
    }

    /** Client id to caller name; a client id that two callers claim is refused at start. */
    private static Map<String, String> clientIds(Map<String, CallerProperties.Caller> callers) {
        Map<String, String> byClientId = new HashMap<>();
        List<String> problems = new ArrayList<>();
        callers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(caller -> caller.getValue().clientIds()
                .stream().map(String::strip).filter(id -> !id.isEmpty()).forEach(id -> {
                    String before = byClientId.putIfAbsent(id, caller.getKey());
                    if (before != null && !before.equals(caller.getKey())) {
                        problems.add("client id '" + id + "' is listed by callers '" + before + "' and '"
                                + caller.getKey() + "'");
                    }
                }));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems));
        }
        return Map.copyOf(byClientId);
    }

    /**
     * Spring Security's Nimbus decoder for the configured server, built on the first token so the
     * application starts while the server is unreachable (a failed discovery is tried again with the
     * next token), with explicit timeouts (the library's 500 ms fail on a slow server) and no redirects.
     */
    static JwtDecoder decoder(CallerProperties.Jwt jwt, Clock clock) {
        String issuer = jwt.issuerUri() == null ? "" : jwt.issuerUri().strip();
        List<String> audiences = jwt.audiences().stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
        if (issuer.isEmpty()) {
            throw new IllegalStateException("bridge.security.jwt.issuer-uri is required for bearer tokens");
        }
        if (audiences.isEmpty()) {
            throw new IllegalStateException("Refusing to start: bridge.security.jwt.audiences is empty, so tokens "
                    + issuer + " issued for any other API would be accepted; name this API's audience");
        }
        RestOperations http = new RestTemplate(IdentityProviderRequests.withTimeouts(jwt.connectTimeout(), jwt.readTimeout()));
        String jwkSetUri = jwt.jwkSetUri() == null || jwt.jwkSetUri().isBlank() ? null : jwt.jwkSetUri().strip();
        OAuth2TokenValidator<Jwt> validator = validator(issuer, audiences, jwt.clockSkew(), clock);
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = jwkSetUri != null
                    ? NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                    : NimbusJwtDecoder.withIssuerLocation(issuer);
            NimbusJwtDecoder decoder = builder
                    .restOperations(http)
                    // access tokens come typed "JWT", "at+jwt" or vendor types: the claims decide
                    .validateType(false)
                    .jwsAlgorithms(algorithms -> {
                        algorithms.clear();
                        algorithms.addAll(jwt.algorithms());
                    })
                    .build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences, Duration clockSkew, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        Set<String> accepted = Set.copyOf(audiences);
        return new DelegatingOAuth2TokenValidator<>(
                rephrased(timestamps, "expired or not yet valid"),
                rephrased(new JwtIssuerValidator(issuer), "from another issuer"),
                rephrased(new JwtClaimValidator<Collection<String>>("aud",
                        aud -> aud != null && aud.stream().anyMatch(accepted::contains)), "for another audience"));
    }

    /** One short reason per check: Spring's messages quote claim values and instants. */
    private static OAuth2TokenValidator<Jwt> rephrased(OAuth2TokenValidator<Jwt> validator, String reason) {
        return jwt -> validator.validate(jwt).hasErrors()
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, reason, null))
                : OAuth2TokenValidatorResult.success();
    }
}

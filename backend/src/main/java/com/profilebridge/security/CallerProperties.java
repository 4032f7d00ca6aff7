package com.profilebridge.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * Credentials of the platform integrations that call {@code /v1/**} ({@code bridge.security.*}).
 * Each caller (e.g. {@code genesys}, {@code cxone}) has one or more secrets, so a secret can be
 * rotated without downtime. A caller authenticates with HTTP Basic (user = caller name, password =
 * a secret), with the API-key header carrying a secret (Genesys "User Defined" credentials, CXone
 * custom headers), or with an OAuth bearer token from the configured authorization server
 * ({@link Jwt}) whose client id one of the callers lists in {@code client-ids}.
 *
 * @param callers caller name to its secrets; env {@code BRIDGE_SECURITY_CALLERS_<NAME>_SECRETS=a,b}
 * @param apiKeyHeader the header an API key arrives in
 * @param jwt the authorization server whose bearer tokens are accepted; off without an issuer
 */
@ConfigurationProperties("bridge.security")
public record CallerProperties(
        @DefaultValue Map<String, Caller> callers, @DefaultValue("X-API-Key") String apiKeyHeader,
        @DefaultValue Jwt jwt) {

    @ConstructorBinding
    public CallerProperties {}

    /** Callers without bearer tokens. */
    public CallerProperties(Map<String, Caller> callers, String apiKeyHeader) {
        this(callers, apiKeyHeader, Jwt.OFF);
    }

    /**
     * One integration's secrets (several during a rotation) and roles: {@code INTEGRATION} calls
     * resolve and track, {@code OPERATOR} the outcome operations API (dead letters, replay).
     *
     * @param clientIds the OAuth client ids whose bearer tokens authenticate as this caller
     *     (env {@code BRIDGE_SECURITY_CALLERS_<NAME>_CLIENTIDS=a,b}); a client id names one caller only
     */
    public record Caller(@DefaultValue List<String> secrets, @DefaultValue("INTEGRATION") List<String> roles,
            @DefaultValue List<String> clientIds) {

        @ConstructorBinding
        public Caller {}

        /** A caller with secrets only. */
        public Caller(List<String> secrets, List<String> roles) {
            this(secrets, roles, List.of());
        }
    }

    /**
     * The authorization server whose access tokens (OAuth client credentials) IVR platforms send as
     * {@code Authorization: Bearer}: Genesys "User Defined (OAuth)" credentials, a CXone Studio
     * snippet. Off while {@code issuer-uri} is blank.
     *
     * @param issuerUri the exact {@code iss} of accepted tokens; also where discovery finds the JWKS
     *     when {@code jwk-set-uri} is blank (asked on the first token, so the app starts without it)
     * @param jwkSetUri the signing keys, skipping discovery
     * @param audiences accepted {@code aud} values, at least one required: a token the same server
     *     issued for another API must not be accepted here
     * @param callerClaims claims naming the client, the first present wins ({@code azp}, then
     *     {@code client_id}); its value must be in one caller's {@code client-ids}
     * @param rolesClaim when set, the token's roles (a list or a space-separated string such as
     *     {@code scope}) narrow the caller's configured roles; they never add one
     * @param algorithms accepted signature algorithms
     * @param connectTimeout connection timeout for discovery and JWKS requests
     * @param readTimeout read timeout for discovery and JWKS requests
     * @param clockSkew tolerance on {@code exp} and {@code nbf}
     * @param cacheTtl the longest a validated token is trusted without checking it again (never past
     *     its {@code exp})
     * @param cacheSize how many validated tokens are kept
     */
    public record Jwt(@Nullable String issuerUri, @Nullable String jwkSetUri, @DefaultValue List<String> audiences,
            @DefaultValue({"azp", "client_id"}) List<String> callerClaims, @Nullable String rolesClaim,
            @DefaultValue("RS256") List<SignatureAlgorithm> algorithms, @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("2s") Duration readTimeout, @DefaultValue("60s") Duration clockSkew,
            @DefaultValue("60s") Duration cacheTtl, @DefaultValue("10000") long cacheSize) {

        static final Jwt OFF = new Jwt(null, null, List.of(), List.of("azp", "client_id"), null, List.of(SignatureAlgorithm.RS256),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(60), 10_000);

        /** True when bearer tokens are accepted at all. */
        public boolean enabled() {
            return issuerUri != null && !issuerUri.isBlank();
        }
    }
}

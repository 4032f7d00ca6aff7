package com.profilebridge.agent;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.profilebridge.shared.Sha256;
import com.profilebridge.shared.web.IdentityProviderRequests;
import com.profilebridge.shared.web.OutboundCallBudget;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Validates Genesys Cloud agent tokens. They are opaque, so the environment's API is asked:
 * {@code GET /api/v2/tokens/me?preserveIdleTTL=true} (organisation, expiry; the parameter keeps the
 * agent's idle timeout untouched) and {@code GET /api/v2/users/me} (id, name). Only environments on
 * the allowlist are ever contacted; only organisations on the allowlist are accepted. Successful
 * validations are cached briefly under a SHA-256 of the token, never past the token's expiry.
 */
final class GenesysTokenValidator {

    private static final Logger log = LoggerFactory.getLogger(GenesysTokenValidator.class);
    /** How long a token Genesys refused is refused again without asking. */
    static final Duration REFUSED_TTL = Duration.ofSeconds(30);

    private final AgentProperties.Genesys properties;
    private final RestClient http;
    private final Clock clock;
    private final GenesysEnvironments environments;
    private final Set<String> organizations;
    private final Set<String> clients;
    private final Cache<String, AgentIdentity> validated;
    private final Cache<String, AgentTokenRejected> refused;
    private final OutboundCallBudget budget;

    /**
     * @param placeholders resolves {@code ${...}} in the base URL when a token is validated
     */
    GenesysTokenValidator(AgentProperties.Genesys properties, RestClient.Builder builder, Clock clock,
            UnaryOperator<String> placeholders) {
        this(properties, builder, clock, placeholders, OutboundCallBudget.UNLIMITED);
    }

    /**
     * @param budget spent before each call to Genesys (per client address): random tokens cannot
     *     turn into unbounded {@code tokens/me} traffic
     */
    GenesysTokenValidator(AgentProperties.Genesys properties, RestClient.Builder builder, Clock clock,
            UnaryOperator<String> placeholders, OutboundCallBudget budget) {
        this.properties = properties;
        this.budget = budget;
        this.clock = clock;
        this.environments = new GenesysEnvironments(properties.environments(), properties.apiBaseUrlTemplate(),
                placeholders);
        this.organizations = properties.organizationIds().stream()
                .map(o -> o.strip().toLowerCase(Locale.ROOT)).filter(o -> !o.isEmpty()).collect(Collectors.toSet());
        this.clients = properties.oauthClientIds().stream()
                .map(c -> c.strip().toLowerCase(Locale.ROOT)).filter(c -> !c.isEmpty()).collect(Collectors.toSet());
        // Redirects are never followed (the JDK client's default): a token goes to allowlisted hosts only.
        this.http = builder.clone()
                .requestFactory(IdentityProviderRequests.withTimeouts(properties.connectTimeout(), properties.readTimeout()))
                .build();
        Duration ttl = properties.cacheTtl();
        this.validated = Caffeine.newBuilder()
                .maximumSize(properties.cacheMaxEntries())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, AgentIdentity>creating((key, identity) -> {
                    Duration left = Duration.between(clock.instant(), identity.expiresAt());
                    return left.compareTo(ttl) < 0 ? (left.isNegative() ? Duration.ZERO : left) : ttl;
                }))
                .build();
        // A refused token is refused again without asking Genesys for a while (the same forged or
        // revoked token retried in a loop); briefly, so a token that becomes valid is not held back long.
        this.refused = Caffeine.newBuilder()
                .maximumSize(properties.cacheMaxEntries())
                .expireAfterWrite(REFUSED_TTL.compareTo(ttl) < 0 ? REFUSED_TTL : ttl)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        if (organizations.isEmpty()) {
            log.warn("No Genesys organisation is allowed (bridge.agent.genesys.organization-ids is empty): "
                    + "every Genesys agent token will be rejected.");
        } else if (clients.isEmpty()) {
            log.warn("No Genesys OAuth client is allowed (bridge.agent.genesys.oauth-client-ids is empty): "
                    + "every Genesys agent token will be rejected.");
        }
    }

    /** The allowlisted environments, sorted (the widget's bridge page checks {@code gcTargetEnv} against them). */
    List<String> environments() {
        return environments.names();
    }

    AgentIdentity validate(String token, @Nullable String environment) {
        String env = environmentName(environment);
        if (organizations.isEmpty()) {
            throw rejected("No Genesys organisation is allowed on this Profile Bridge.");
        }
        if (clients.isEmpty()) {
            throw rejected("No Genesys OAuth client is allowed on this Profile Bridge.");
        }
        String key = Sha256.hex("genesys", env, token);
        AgentIdentity cached = validated.getIfPresent(key);
        if (cached != null && cached.expiresAt().isAfter(clock.instant())) {
            return cached;
        }
        AgentTokenRejected refusal = refused.getIfPresent(key);
        if (refusal != null) {
            throw refusal;
        }
        budget.spend("genesys-token-check");
        try {
            AgentIdentity identity = ask(env, token);
            validated.put(key, identity);
            return identity;
        } catch (AgentTokenRejected e) {
            refused.put(key, e);
            throw e;
        }
    }

    private AgentIdentity ask(String env, String token) {
        String base = environments.baseUrl(env);
        TokenInfo info = get(URI.create(base + "/api/v2/tokens/me?preserveIdleTTL=true"), token, TokenInfo.class);
        String organization = info.organization() == null ? null : info.organization().id();
        if (organization == null || organization.isBlank()) {
            throw rejected("The Genesys token names no organisation.");
        }
        if (!organizations.contains(organization.strip().toLowerCase(Locale.ROOT))) {
            log.info("Genesys token from organisation {} rejected: not on the allowlist", organization);
            throw new AgentTokenRejected(AgentPlatform.GENESYS,
                    "The Genesys organisation of this token is not allowed here.", organization.strip());
        }
        // A token of the same organisation issued to another application (a script, another vendor's
        // integration) proves the user, not that this agent meant to open this widget: only the
        // OAuth clients of the bridge pages (and of widgets the operator trusts) are accepted.
        String client = info.oauthClient() == null ? null : info.oauthClient().id();
        if (client == null || !clients.contains(client.strip().toLowerCase(Locale.ROOT))) {
            log.info("Genesys token of OAuth client {} rejected: not on the allowlist", client == null ? "-" : client);
            throw rejected("The Genesys token was issued to an application that is not allowed here.");
        }
        User user = get(URI.create(base + "/api/v2/users/me"), token, User.class);
        if (user.id() == null || user.id().isBlank()) {
            throw rejected("The Genesys token does not belong to a user.");
        }
        Instant now = clock.instant();
        Instant expiresAt = expiry(info.expirationDate(), info.dateTokenIdles(), now);
        if (!expiresAt.isAfter(now)) {
            throw rejected("The Genesys token has expired.");
        }
        return new AgentIdentity(AgentPlatform.GENESYS, user.id(),
                user.name() == null || user.name().isBlank() ? user.id() : user.name(), organization, expiresAt);
    }

    /** Only the allowlist decides which environment is asked; see {@link GenesysEnvironments#allowed}. */
    private String environmentName(@Nullable String environment) {
        String env = GenesysEnvironments.normalised(environment);
        if (env == null) {
            throw rejected("The Genesys environment is missing.");
        }
        if (environments.allowed(env).isEmpty()) {
            log.info("Genesys token for environment '{}' rejected: not on the allowlist, not contacted",
                    env.length() > 64 ? env.substring(0, 64) : env);
            throw rejected("This Genesys environment is not allowed here.");
        }
        return env;
    }

    private <T> T get(URI uri, String token, Class<T> type) {
        try {
            T body = http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .retrieve().body(type);
            if (body == null) {
                throw new AgentPlatformUnavailable(AgentPlatform.GENESYS, "Genesys answered without a body.", null);
            }
            return body;
        } catch (HttpStatusCodeException e) {
            int status = e.getStatusCode().value();
            if (status == HttpStatus.UNAUTHORIZED.value()) {
                throw rejected("The Genesys token has expired or was revoked.");
            }
            if (e.getStatusCode().is4xxClientError() && status != HttpStatus.TOO_MANY_REQUESTS.value()) {
                throw rejected("Genesys refused the token (HTTP " + status + ").");
            }
            log.warn("Genesys token validation failed: HTTP {} from {}", status, uri.getHost());
            throw new AgentPlatformUnavailable(AgentPlatform.GENESYS,
                    "Genesys is unavailable (HTTP " + status + "); try again shortly.", e);
        } catch (RestClientException e) {
            log.warn("Genesys token validation failed: {} ({})", e.getClass().getSimpleName(), uri.getHost());
            throw new AgentPlatformUnavailable(AgentPlatform.GENESYS,
                    "Genesys is unavailable (no answer in time); try again shortly.", e);
        }
    }

    /**
     * The token's expiry: the earlier of {@code expirationDate} and {@code dateTokenIdles} (when the
     * token idles out; the SDKs' TokenInfo documents it); when Genesys says neither, the end of the
     * cache window. The widget session ends then too.
     */
    private Instant expiry(@Nullable String expirationDate, @Nullable String dateTokenIdles, Instant now) {
        Instant expires = instant(expirationDate);
        Instant idles = instant(dateTokenIdles);
        if (expires == null && idles == null) {
            return now.plus(properties.cacheTtl());
        }
        if (expires == null || (idles != null && idles.isBefore(expires))) {
            return idles;
        }
        return expires;
    }

    /** An ISO-8601 date-time as Genesys writes them; null when absent or not understood. */
    static @Nullable Instant instant(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            log.debug("Genesys date not understood: {}", value);
            return null;
        }
    }

    private static AgentTokenRejected rejected(String message) {
        return new AgentTokenRejected(AgentPlatform.GENESYS, message);
    }

    /** {@code GET /api/v2/tokens/me}: the documented fields this needs; any others are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenInfo(@Nullable Organization organization, @Nullable Organization homeOrganization,
            @JsonProperty("OAuthClient") @JsonAlias({"oAuthClient", "oauthClient"}) @Nullable Organization oauthClient,
            @Nullable String expirationDate, @Nullable String dateTokenIdles) {}

    /** An organisation, or the OAuth client ({@code OAuthClient}: id, name) a token was issued to. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Organization(@Nullable String id, @Nullable String name) {}

    /** {@code GET /api/v2/users/me}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record User(@Nullable String id, @Nullable String name) {}
}

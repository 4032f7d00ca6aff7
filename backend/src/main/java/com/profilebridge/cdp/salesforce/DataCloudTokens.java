package com.profilebridge.cdp.salesforce;

import com.profilebridge.cdp.CdpUnavailable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Data Cloud token and tenant: a Salesforce OAuth token (the standard leg, through Spring
 * Security) exchanged at {@code {instance_url}/services/a360/token} for a Data Cloud token whose
 * answer names the tenant as a bare host. Kept until shortly before it expires; replaced once when
 * Data Cloud answers 401 with it. Concurrent callers share one fetch.
 */
final class DataCloudTokens {

    static final String EXCHANGE_GRANT = "urn:salesforce:grant-type:external:cdp";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** When the exchange does not say (it does: ~7,200 s), keep the token a short while only. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);

    /** A Data Cloud token and the tenant it is good for; never printed. */
    record Token(String accessToken, URI tenant, Instant refreshAt) {

        @Override
        public String toString() {
            return "Token[tenant=" + tenant.getHost() + ", refreshAt=" + refreshAt + "]";
        }
    }

    private final Supplier<OAuth2AccessTokenResponse> salesforceToken;
    private final URI loginUrl;
    private final RestClient http;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration skew;
    private final String tenantScheme;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile @Nullable Token current;

    DataCloudTokens(Supplier<OAuth2AccessTokenResponse> salesforceToken, URI loginUrl, RestClient http,
            JsonMapper json, Clock clock, Duration skew, String tenantScheme) {
        this.salesforceToken = salesforceToken;
        this.loginUrl = loginUrl;
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.skew = skew;
        this.tenantScheme = tenantScheme;
    }

    /** A token that is still good, fetching one when there is none or it is about to expire. */
    Token current() {
        Token token = current;
        if (token != null && fresh(token)) {
            return token;
        }
        lock.lock();
        try {
            token = current;
            return token != null && fresh(token) ? token : fetch();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A new token after Data Cloud refused {@code stale} with 401; when another caller has replaced
     * it already, that replacement is used, so a burst of 401s costs one exchange.
     */
    Token refresh(Token stale) {
        lock.lock();
        try {
            Token token = current;
            return token != null && token != stale && fresh(token) ? token : fetch();
        } finally {
            lock.unlock();
        }
    }

    private boolean fresh(Token token) {
        return clock.instant().isBefore(token.refreshAt());
    }

    private Token fetch() {
        current = null;
        OAuth2AccessTokenResponse salesforce;
        try {
            salesforce = salesforceToken.get();
        } catch (OAuth2AuthorizationException e) {
            // the error code only (invalid_client, invalid_grant): descriptions may echo the request
            throw new CdpUnavailable("Salesforce token endpoint refused: " + e.getError().getErrorCode(), e);
        } catch (RestClientException e) {
            throw new CdpUnavailable("Salesforce token endpoint unreachable: " + e.getClass().getSimpleName(), e);
        }
        Object instance = salesforce.getAdditionalParameters().get("instance_url");
        URI core = instance instanceof String s && !s.isBlank() ? hostUri(s) : loginUrl;
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", EXCHANGE_GRANT);
        form.add("subject_token", salesforce.getAccessToken().getTokenValue());
        form.add("subject_token_type", ACCESS_TOKEN_TYPE);
        String body;
        try {
            body = http.post()
                    .uri(core.resolve("/services/a360/token"))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .retrieve()
                    .body(String.class);
        } catch (HttpStatusCodeException e) {
            throw new CdpUnavailable("Data Cloud token exchange answered HTTP " + e.getStatusCode().value(), e);
        } catch (RestClientException e) {
            throw new CdpUnavailable("Data Cloud token exchange failed: " + e.getClass().getSimpleName(), e);
        }
        JsonNode answer;
        try {
            answer = json.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            throw new CdpUnavailable("Data Cloud token exchange answered unreadable JSON", e);
        }
        String accessToken = answer.path("access_token").asString("");
        String tenant = answer.path("instance_url").asString("");
        if (accessToken.isBlank() || tenant.isBlank()) {
            throw new CdpUnavailable("Data Cloud token exchange answered without access_token or instance_url");
        }
        Duration lifetime = answer.path("expires_in").canConvertToLong()
                ? Duration.ofSeconds(answer.path("expires_in").asLong())
                : DEFAULT_LIFETIME;
        // replaced `skew` before it expires, but never sooner than half-way: a token shorter-lived than
        // the skew would otherwise be exchanged again on every call
        Duration keep = lifetime.minus(skew).compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.minus(skew) : lifetime.dividedBy(2);
        Token token = new Token(accessToken, hostUri(tenant), clock.instant().plus(keep));
        current = token;
        return token;
    }

    /** The exchange answers a bare host ({@code abc.c360a.salesforce.com}); the core token a full URL. */
    private URI hostUri(String instanceUrl) {
        String value = instanceUrl.strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        return URI.create(value.contains("://") ? value : tenantScheme + "://" + value);
    }
}

package com.profilebridge.cdp.http;

import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpRejected;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.cdp.CdpUnavailable;
import com.profilebridge.cdp.vendor.RetryAfter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speaks the integration guide's CDP contract: {@code POST {base}/v1/profiles/resolve},
 * {@code GET {base}/v1/profiles/{userId}}, {@code POST {base}/v1/interactions/track}.
 */
class HttpCdpClient implements CdpClient {

    private static final Set<String> KNOWN = Set.of(
            "cdp_user_id", "user_id", "userId", "name", "email", "phone", "phone_number", "tier",
            "lifetime_value", "preferred_channel", "sentiment_score", "recent_orders", "recent_interactions",
            "notes", "updated_at");

    private final RestClient http;
    private final JsonMapper json;
    private final String healthPath;

    HttpCdpClient(RestClient http, JsonMapper json, String healthPath) {
        this.http = http;
        this.json = json;
        this.healthPath = healthPath;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public CdpMatches lookup(CdpIdentifier identifier) {
        if (identifier.kind() == CdpIdentifier.Kind.USER_ID) {
            return profile(identifier.value()).map(p -> new CdpMatches(List.of(p))).orElse(CdpMatches.none());
        }
        Map<String, String> body = Map.of(
                "identifier", identifier.value(),
                "identifier_type", identifier.kind().name().toLowerCase(Locale.ROOT),
                "channel", "voice",
                "source", "profile-bridge");
        JsonNode answer = call(() -> http.post()
                .uri("/v1/profiles/resolve")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(String.class));
        if (answer == null || saysNotFound(answer)) {
            return CdpMatches.none();
        }
        List<CdpProfile> profiles = new ArrayList<>();
        toProfile(answer.path("profile")).ifPresent(profiles::add);
        for (JsonNode candidate : answer.path("candidates")) {
            // a candidate without an id (an empty object, "", null) names nobody: it is no match
            (candidate.isObject() ? toProfile(candidate) : bare(candidate)).ifPresent(profiles::add);
        }
        return new CdpMatches(profiles);
    }

    @Override
    public Optional<CdpProfile> profile(String userId) {
        JsonNode answer = call(() -> http.get().uri("/v1/profiles/{id}", userId).retrieve().body(String.class));
        if (answer == null || saysNotFound(answer)) {
            return Optional.empty();
        }
        // {"profile": {...}} or the profile itself; either way only one that names its user counts
        return toProfile(answer.has("profile") ? answer.path("profile") : answer);
    }

    /**
     * The guide's CDP answers a lookup without a match with {@code 200 {"status":"not_found"}} on
     * every endpoint; a profile in the same body does not change that.
     */
    private static boolean saysNotFound(JsonNode answer) {
        String status = answer.path("status").asString("").strip();
        return status.equalsIgnoreCase("not_found") || status.equalsIgnoreCase("not-found")
                || status.equalsIgnoreCase("notfound") || status.equalsIgnoreCase("no_match");
    }

    @Override
    public void track(CdpTrackEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", event.messageId());
        body.put("userId", event.userId());
        body.put("event", event.event());
        body.put("timestamp", event.timestamp().toString());
        body.put("properties", event.properties());
        try {
            http.post()
                    .uri("/v1/interactions/track")
                    .header("Idempotency-Key", event.messageId())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .toBodilessEntity();
        } catch (HttpStatusCodeException e) {
            int status = e.getStatusCode().value();
            if (e.getStatusCode().is4xxClientError() && status != 408 && status != 429 && status != 401 && status != 403) {
                // the CDP read the event and refused it: resending the same bytes cannot help
                throw new CdpRejected("CDP refused the event: HTTP " + status, e);
            }
            throw new CdpUnavailable("CDP answered HTTP " + status, e, retryAfter(e));
        } catch (RestClientException e) {
            throw new CdpUnavailable("CDP track failed: " + e.getClass().getSimpleName(), e);
        } catch (OAuth2AuthorizationException e) {
            throw new CdpUnavailable("CDP token endpoint failed: " + e.getError().getErrorCode(), e);
        }
    }

    @Override
    public boolean ping() {
        try {
            HttpStatusCode status = http.get().uri(healthPath).retrieve()
                    .onStatus(s -> true, (req, res) -> {})
                    .toBodilessEntity()
                    .getStatusCode();
            return !status.is5xxServerError();
        } catch (RestClientException e) {
            return false;
        }
    }

    /** Runs one call; 404 means "no such profile", everything else that is not 2xx is an outage. */
    private @Nullable JsonNode call(java.util.function.Supplier<@Nullable String> request) {
        String body;
        try {
            body = withOneReconnect(request);
        } catch (HttpStatusCodeException e) {
            if (e.getStatusCode().value() == 404) {
                return null;
            }
            throw unavailable(e.getStatusCode(), e);
        } catch (ResourceAccessException e) {
            throw new CdpUnavailable("CDP unreachable or too slow", e);
        } catch (RestClientException e) {
            throw new CdpUnavailable("CDP call failed", e);
        } catch (OAuth2AuthorizationException e) {
            // No service-account token means no CDP: an outage for the breaker, like a 5xx.
            throw new CdpUnavailable("CDP token endpoint failed: " + e.getError().getErrorCode(), e);
        }
        if (body == null || body.isBlank()) {
            throw new CdpUnavailable("CDP answered with an empty body");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new CdpUnavailable("CDP answered with unreadable JSON", e);
        }
    }

    /**
     * Retries once when a pooled keep-alive connection turns out to be dead (the CDP or its load
     * balancer closed it): that is no outage, and the lookups are reads, safe to repeat. Timeouts
     * are never retried: the budget is spent already.
     */
    private static @Nullable String withOneReconnect(java.util.function.Supplier<@Nullable String> request) {
        try {
            return request.get();
        } catch (ResourceAccessException e) {
            Throwable cause = e.getCause();
            boolean timeout = cause instanceof java.net.http.HttpTimeoutException
                    || cause instanceof java.net.SocketTimeoutException;
            boolean refused = cause instanceof java.net.ConnectException;
            if (timeout || refused) {
                throw e;
            }
            return request.get();
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date; absent or unreadable means "not said". */
    static @Nullable Duration retryAfter(HttpStatusCodeException e) {
        String value = e.getResponseHeaders() == null ? null : e.getResponseHeaders().getFirst("Retry-After");
        return RetryAfter.parse(value, Instant.now());
    }

    private static CdpUnavailable unavailable(HttpStatusCode status, Exception cause) {
        return new CdpUnavailable("CDP answered HTTP " + status.value(), cause);
    }

    /** A candidate given as a bare user id ({@code "usr_2"}); anything else names nobody. */
    private static Optional<CdpProfile> bare(JsonNode candidate) {
        String userId = candidate.isString() ? candidate.asString().strip() : null;
        return CdpProfile.namesAUser(userId)
                ? Optional.of(new CdpProfile(userId, null, null, null, null, null, null, null, List.of(), List.of(),
                        null, Map.of(), null))
                : Optional.empty();
    }

    /** The profile in a CDP answer, or empty when the node is no object or names no user. */
    Optional<CdpProfile> toProfile(JsonNode p) {
        if (!p.isObject()) {
            return Optional.empty();
        }
        String userId = firstText(p, "cdp_user_id", "user_id", "userId");
        if (!CdpProfile.namesAUser(userId)) {
            return Optional.empty();
        }
        List<CdpProfile.Order> orders = new ArrayList<>();
        for (JsonNode o : p.path("recent_orders")) {
            if (o.isObject()) {
                orders.add(new CdpProfile.Order(
                        o.path("id").asString(o.path("order_id").asString("")),
                        instant(o.path("placed_at").asString(null)),
                        o.path("total").isNumber() ? o.path("total").decimalValue() : null,
                        o.path("status").asString(null)));
            } else {
                orders.add(new CdpProfile.Order(o.asString(""), null, null, null));
            }
        }
        List<CdpProfile.Interaction> interactions = new ArrayList<>();
        for (JsonNode i : p.path("recent_interactions")) {
            interactions.add(new CdpProfile.Interaction(
                    instant(i.path("at").asString(null)),
                    i.path("channel").asString(null),
                    i.path("outcome").asString(null),
                    i.path("summary").asString(null),
                    i.path("interaction_id").asString(null)));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : p.properties()) {
            if (!KNOWN.contains(field.getKey()) && field.getValue().isValueNode() && !field.getValue().isNull()) {
                attributes.put(field.getKey(), field.getValue().asString());
            }
        }
        return Optional.of(new CdpProfile(
                userId.strip(),
                firstText(p, "name"),
                firstText(p, "email"),
                firstText(p, "phone", "phone_number"),
                firstText(p, "tier"),
                p.path("lifetime_value").isNumber() ? p.path("lifetime_value").decimalValue() : decimal(p, "lifetime_value"),
                firstText(p, "preferred_channel"),
                p.path("sentiment_score").isNumber() ? p.path("sentiment_score").asDouble() : null,
                orders,
                interactions,
                firstText(p, "notes"),
                attributes,
                instant(firstText(p, "updated_at"))));
    }

    private static @Nullable BigDecimal decimal(JsonNode p, String field) {
        String text = p.path(field).asString(null);
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable String firstText(JsonNode p, String... fields) {
        for (String field : fields) {
            JsonNode node = p.path(field);
            if (node.isValueNode() && !node.isNull()) {
                String text = node.asString();
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        return null;
    }

    private static @Nullable Instant instant(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

package com.profilebridge.cdp.adobe;

import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpDelivery;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpRejected;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.cdp.CdpUnavailable;
import com.profilebridge.limiter.Limiter;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adobe Experience Platform Real-Time CDP: lookups through the Profile Access API
 * ({@code GET /data/core/ups/access/entities} by namespace), outcomes through a streaming
 * ingestion inlet ({@code POST /collection/batch/{connectionId}}, XDM ExperienceEvents with
 * {@code _id} = message id), every call with the IMS bearer, {@code x-api-key},
 * {@code x-gw-ims-org-id} and {@code x-sandbox-name}. A 401 refreshes the token once and repeats the
 * call.
 */
class AdobeCdpClient implements CdpClient {

    private static final Logger log = LoggerFactory.getLogger(AdobeCdpClient.class);
    static final String ENTITIES = "/data/core/ups/access/entities";
    static final String PROFILE_SCHEMA = "_xdm.context.profile";
    private static final String PING = "/data/core/ups/config/mergePolicies";

    private final RestClient http;
    private final JsonMapper json;
    private final ImsTokens tokens;
    private final AdobeCdpProperties properties;
    private final XdmProfiles profiles;
    private final XdmEvents events;
    private final Limiter.Budget lookupRate;
    private final Bulkhead lookupConcurrency;
    private final Limiter.Budget publishRate;
    private final String fields;

    AdobeCdpClient(RestClient http, JsonMapper json, ImsTokens tokens, AdobeCdpProperties properties, Clock clock,
            Limiter.Budget lookupRate, Bulkhead lookupConcurrency, Limiter.Budget publishRate) {
        this.http = http;
        this.json = json;
        this.tokens = tokens;
        this.properties = properties;
        this.profiles = new XdmProfiles(properties);
        this.events = new XdmEvents(properties, json, clock);
        this.lookupRate = lookupRate;
        this.lookupConcurrency = lookupConcurrency;
        this.publishRate = publishRate;
        this.fields = profiles.fields();
    }

    @Override
    public String name() {
        return "adobe";
    }

    @Override
    public CdpMatches lookup(CdpIdentifier identifier) {
        return switch (identifier.kind()) {
            case USER_ID -> profile(identifier.value()).map(p -> new CdpMatches(List.of(p))).orElse(CdpMatches.none());
            case EMAIL -> new CdpMatches(entities(identifier.value(), properties.emailNamespace()));
            case PHONE -> {
                // "Phone (E.164)" first, then "Phone": organisations load numbers into either
                for (String namespace : properties.phoneNamespaces()) {
                    List<CdpProfile> found = entities(identifier.value(), namespace);
                    if (!found.isEmpty()) {
                        yield new CdpMatches(found);
                    }
                }
                yield CdpMatches.none();
            }
        };
    }

    /**
     * The profile of a CDP user id: the id in the CRM namespace, or else (an entity without a CRM id
     * was listed under its entity id) the entity id itself, which AEP takes without a namespace.
     */
    @Override
    public Optional<CdpProfile> profile(String userId) {
        if (!properties.crmNamespace().isBlank()) {
            List<CdpProfile> found = entities(userId, properties.crmNamespace());
            if (!found.isEmpty()) {
                return found.stream().filter(p -> p.userId().equals(userId)).findFirst()
                        .or(() -> Optional.of(found.getFirst()));
            }
        }
        return entitiesByEntityId(userId).stream().findFirst();
    }

    private List<CdpProfile> entities(String value, String namespace) {
        URI uri = entitiesUri(Map.of("entityId", value, "entityIdNS", namespace));
        Response answer = limitedLookup(uri);
        return switch (answer.status()) {
            case 200 -> profiles.people(read(answer));
            // {"statusCode":"404"}: AEP knows no profile for this identity
            case 404 -> List.of();
            case 422 -> {
                // "Too many related identities": the graph links more than 50 identities. No single
                // person can be named from it; the caller is treated as unknown, not as an outage.
                log.warn("AEP could not resolve an identity in namespace {}: identity graph too large (HTTP 422)",
                        namespace);
                yield List.of();
            }
            default -> throw lookupFailure(answer);
        };
    }

    /** An entity id (XID) needs no namespace; an id AEP cannot read as one is no profile. */
    private List<CdpProfile> entitiesByEntityId(String entityId) {
        Response answer = limitedLookup(entitiesUri(Map.of("entityId", entityId)));
        return switch (answer.status()) {
            case 200 -> profiles.people(read(answer));
            case 400, 404, 422 -> List.of();
            default -> throw lookupFailure(answer);
        };
    }

    private URI entitiesUri(Map<String, String> identity) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(properties.platformUrl())
                .path(ENTITIES)
                .queryParam("schema.name", PROFILE_SCHEMA)
                .queryParam("entityId", "{entityId}");
        if (identity.containsKey("entityIdNS")) {
            uri.queryParam("entityIdNS", "{entityIdNS}");
        }
        uri.queryParam("fields", "{fields}");
        Map<String, String> values = new LinkedHashMap<>(identity);
        values.put("fields", fields);
        if (properties.mergePolicyId() != null && !properties.mergePolicyId().isBlank()) {
            uri.queryParam("mergePolicyId", "{mergePolicyId}");
            values.put("mergePolicyId", properties.mergePolicyId().strip());
        }
        // values are encoded strictly: a phone's "+" reaches AEP as %2B, not as a space
        return uri.encode().buildAndExpand(values).toUri();
    }

    /** One Profile Access call within our own rate and concurrency limits. */
    private Response limitedLookup(URI uri) {
        if (!lookupRate.acquire().isZero()) {
            throw new AdobeThrottled("local AEP lookup rate limit reached");
        }
        try {
            lookupConcurrency.acquirePermission();
        } catch (BulkheadFullException e) {
            throw new AdobeThrottled("local AEP lookup concurrency limit reached");
        }
        try {
            return withToken(token -> http.get().uri(uri).headers(h -> headers(h, token)));
        } finally {
            lookupConcurrency.onComplete();
        }
    }

    private JsonNode read(Response answer) {
        try {
            return json.readTree(answer.body());
        } catch (JacksonException e) {
            throw new CdpUnavailable("AEP answered with unreadable JSON", e);
        }
    }

    /**
     * The breaker counts outages only: 5xx, 429, a token AEP refuses even fresh. A 400 or 403
     * (missing header, wrong API key or organisation, no permission) is our configuration's fault:
     * it fails the lookup without opening the breaker.
     */
    private RuntimeException lookupFailure(Response answer) {
        int status = answer.status();
        if (status == 429 || status >= 500 || status == 401) {
            String reason = status == 401 ? "AEP refused a freshly issued IMS token (HTTP 401)" : "AEP answered HTTP " + status;
            return new CdpUnavailable(reason, null, retryAfter(answer));
        }
        return new AdobeRefused("AEP refused the lookup: HTTP " + status + gatewayCode(answer));
    }

    @Override
    public int maxBatchEvents() {
        return Math.max(1, properties.events().maxBatchEvents());
    }

    @Override
    public void track(CdpTrackEvent event) {
        CdpDelivery result = publish(List.of(event)).get(event.messageId());
        switch (result) {
            case CdpDelivery.Delivered delivered -> {}
            case CdpDelivery.Refused refused -> throw new CdpRejected(refused.reason(), null);
            case CdpDelivery.RetryLater retry -> throw new CdpUnavailable(retry.reason(), null, retry.retryAfter());
            case CdpDelivery.NotSent notSent -> throw new CdpUnavailable("AEP event not sent", null, null);
            case null -> throw new CdpUnavailable("AEP event not sent", null, null);
        }
    }

    /**
     * Sends the events in as few streaming requests as the 1 MB limit allows. Per message: the
     * 207 answer's {@code responses[i]} (same order as the messages) with a 4xx {@code statusCode}
     * is a refusal of that message alone; a whole request refused for its content (400, 413) is
     * split in halves until the offending message stands alone; 429, 5xx and I/O trouble are
     * retried later, and the requests after such a failure are not sent.
     */
    @Override
    public Map<String, CdpDelivery> publish(List<CdpTrackEvent> batch) {
        Map<String, CdpDelivery> results = new LinkedHashMap<>();
        List<List<XdmEvents.Message>> requests = new ArrayList<>();
        List<XdmEvents.Message> current = new ArrayList<>();
        int bytes = 0;
        int limit = properties.events().maxBatchBytes();
        for (CdpTrackEvent event : batch) {
            XdmEvents.Message message = events.message(event);
            if (message.bytes().length > limit) {
                results.put(event.messageId(), new CdpDelivery.Refused(
                        "event of " + message.bytes().length + " bytes exceeds the streaming request limit"));
                continue;
            }
            if (!current.isEmpty() && bytes + message.bytes().length + 16 > limit) {
                requests.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(message);
            bytes += message.bytes().length + 1;
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        boolean stopped = false;
        for (List<XdmEvents.Message> request : requests) {
            if (stopped) {
                request.forEach(m -> results.put(m.messageId(), new CdpDelivery.NotSent()));
                continue;
            }
            stopped = !send(request, results);
        }
        // the port promises an answer for every message, in the order given
        Map<String, CdpDelivery> ordered = new LinkedHashMap<>();
        for (CdpTrackEvent event : batch) {
            ordered.put(event.messageId(), results.getOrDefault(event.messageId(), new CdpDelivery.NotSent()));
        }
        return ordered;
    }

    /** @return false when AEP is in trouble and nothing more should be sent this round */
    private boolean send(List<XdmEvents.Message> messages, Map<String, CdpDelivery> results) {
        if (!publishRate.acquire().isZero()) {
            messages.forEach(m -> results.put(m.messageId(), new CdpDelivery.NotSent()));
            return false;
        }
        Response answer;
        try {
            byte[] body = events.batchBody(messages);
            URI uri = UriComponentsBuilder.fromUri(properties.inletUrl())
                    .path("/collection/batch/{connectionId}")
                    .encode()
                    .buildAndExpand(properties.events().connectionId())
                    .toUri();
            answer = withToken(token -> http.post().uri(uri)
                    .headers(h -> headers(h, token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body));
        } catch (CdpUnavailable e) {
            retryAll(messages, results, e.getMessage(), e.retryAfter().orElse(null));
            return false;
        }
        int status = answer.status();
        if (status == 200 || status == 207) {
            perMessage(messages, answer, results);
            return true;
        }
        if (status == 400 || status == 413) {
            if (messages.size() == 1) {
                results.put(messages.getFirst().messageId(), new CdpDelivery.Refused(
                        "AEP refused the event: HTTP " + status + gatewayCode(answer)));
                return true;
            }
            // one bad or oversized message must not hold back the others: halve until it stands alone
            int half = messages.size() / 2;
            return send(messages.subList(0, half), results) && send(messages.subList(half, messages.size()), results);
        }
        String reason = switch (status) {
            case 401, 403 -> "AEP refused the credentials: HTTP " + status + gatewayCode(answer);
            case 429 -> "AEP rate limit (HTTP 429)";
            default -> "AEP answered HTTP " + status;
        };
        retryAll(messages, results, reason, retryAfter(answer));
        return false;
    }

    private void perMessage(List<XdmEvents.Message> messages, Response answer, Map<String, CdpDelivery> results) {
        JsonNode responses = null;
        try {
            responses = answer.body().isBlank() ? null : json.readTree(answer.body()).path("responses");
        } catch (JacksonException e) {
            // a 2xx means AEP took the request; without readable statuses nothing says otherwise
        }
        for (int i = 0; i < messages.size(); i++) {
            String id = messages.get(i).messageId();
            if (responses == null || !responses.isArray()) {
                results.put(id, CdpDelivery.delivered());
                continue;
            }
            JsonNode item = responses.path(i);
            if (item.isMissingNode()) {
                results.put(id, new CdpDelivery.RetryLater("AEP gave no status for this message", null));
                continue;
            }
            JsonNode code = item.path("statusCode");
            int messageStatus = code.isNumber() ? code.asInt() : parseInt(code.asString(""), 200);
            String message = item.path("message").asString("");
            if (messageStatus < 300) {
                results.put(id, CdpDelivery.delivered());
            } else if (messageStatus >= 400 && messageStatus < 500 && messageStatus != 408 && messageStatus != 429
                    && messageStatus != 401 && messageStatus != 403) {
                results.put(id, new CdpDelivery.Refused("AEP refused the message: " + messageStatus + " " + shorten(message)));
            } else {
                results.put(id, new CdpDelivery.RetryLater("AEP could not take the message: " + messageStatus, null));
            }
        }
    }

    private static void retryAll(List<XdmEvents.Message> messages, Map<String, CdpDelivery> results, String reason,
            @Nullable Duration retryAfter) {
        messages.forEach(m -> results.put(m.messageId(), new CdpDelivery.RetryLater(reason, retryAfter)));
    }

    @Override
    public boolean ping() {
        try {
            URI uri = UriComponentsBuilder.fromUri(properties.platformUrl()).path(PING).queryParam("limit", "1")
                    .build().toUri();
            return withToken(token -> http.get().uri(uri).headers(h -> headers(h, token))).status() < 500;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The four headers every AEP call needs; the sandbox is never left to AEP's production default. */
    private void headers(HttpHeaders headers, String token) {
        headers.setBearerAuth(token);
        headers.set("x-api-key", properties.clientId());
        headers.set("x-gw-ims-org-id", properties.orgId());
        headers.set("x-sandbox-name", properties.sandboxName());
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    }

    /**
     * Runs a call with the cached token; on 401 (and the inlet's 403 for an expired token) forgets
     * that token, fetches a new one and runs the call once more.
     */
    private Response withToken(Function<String, RestClient.RequestHeadersSpec<?>> call) {
        String token = tokens.token();
        Response first = exchange(call.apply(token));
        if (first.status() != 401 && !(first.status() == 403 && isInletTokenRefusal(first))) {
            return first;
        }
        tokens.refused(token);
        return exchange(call.apply(tokens.token()));
    }

    /** A gateway 403 (wrong key, org) is not a token problem; an inlet 403 without a gateway code is. */
    private static boolean isInletTokenRefusal(Response answer) {
        return !answer.body().contains("403000") && !answer.body().contains("403003")
                && !answer.body().contains("403025") && !answer.body().contains("403010");
    }

    private Response exchange(RestClient.RequestHeadersSpec<?> request) {
        try {
            return request.exchange((req, res) -> new Response(res.getStatusCode().value(), res.getHeaders(),
                    new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (RestClientException e) {
            // only the root cause: the exception's own message holds the URL, and with it the caller's phone or e-mail
            throw new CdpUnavailable("AEP unreachable or too slow", e.getMostSpecificCause());
        }
    }

    /**
     * How long AEP asked us to wait: the 429 body's {@code retryAfterMs} (Profile Access answers a
     * JSON array of errors), else a {@code Retry-After} header in seconds (the inlet's 503).
     */
    @Nullable
    Duration retryAfter(Response answer) {
        long ms = -1;
        try {
            JsonNode body = answer.body().isBlank() ? null : json.readTree(answer.body());
            if (body != null) {
                List<JsonNode> errors = new ArrayList<>();
                if (body.isArray()) {
                    body.forEach(errors::add);
                } else {
                    errors.add(body);
                }
                for (JsonNode error : errors) {
                    JsonNode after = error.path("retryAfterMs");
                    long value = after.isNumber() ? after.asLong() : parseInt(after.asString(""), -1);
                    ms = Math.max(ms, value);
                }
            }
        } catch (JacksonException e) {
            // not JSON: the header may still say
        }
        if (ms >= 0) {
            return Duration.ofMillis(ms);
        }
        String header = answer.headers().getFirst(HttpHeaders.RETRY_AFTER);
        if (header != null) {
            int seconds = parseInt(header.strip(), -1);
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        }
        return null;
    }

    /** The gateway's {@code error_code} (e.g. 403003, 401013) for the log; never the body itself. */
    private String gatewayCode(Response answer) {
        try {
            JsonNode body = json.readTree(answer.body());
            String code = body.path("error_code").asString("");
            return code.matches("\\d{6}") ? " (" + code + ")" : "";
        } catch (JacksonException e) {
            return "";
        }
    }

    private static int parseInt(String text, int otherwise) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** AEP's per-message reasons name the inlet and organisation; keep them short for the outbox. */
    private static String shorten(String message) {
        String withoutIds = message.replaceAll("\\[[^\\]]*\\]", "[...]");
        return withoutIds.length() > 200 ? withoutIds.substring(0, 200) : withoutIds;
    }

    record Response(int status, HttpHeaders headers, String body) {}

    /** Our own limit refused the call: not AEP's failure, so it does not count against the breaker. */
    static final class AdobeThrottled extends RuntimeException {
        AdobeThrottled(String message) {
            super(message, null, false, false);
        }
    }

    /** AEP refused a lookup for a reason a retry cannot cure (configuration, permissions). */
    static final class AdobeRefused extends RuntimeException {
        AdobeRefused(String message) {
            super(message, null, false, false);
        }
    }
}

package com.profilebridge.cdp.salesforce;

import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpDelivery;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpRejected;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.cdp.CdpUnavailable;
import com.profilebridge.cdp.salesforce.DataCloudTokens.Token;
import com.profilebridge.cdp.salesforce.IngestionRecords.Invalid;
import com.profilebridge.cdp.salesforce.IngestionRecords.Prepared;
import com.profilebridge.cdp.salesforce.IngestionRecords.Ready;
import com.profilebridge.cdp.vendor.RetryAfter;
import com.profilebridge.limiter.Limiter;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Salesforce Data Cloud through its Profile API (lookups) and Ingestion API (outcomes). A phone or
 * e-mail is looked up on its contact point DMO, the contact points' parties are followed through the
 * unified link DMO to their unified individuals, and each of those is read from the profile DMO;
 * several people behind one phone stay several matches (households).
 */
class SalesforceCdpClient implements CdpClient {

    private final DataCloudTokens tokens;
    private final RestClient http;
    private final RestClient ingestHttp;
    private final JsonMapper json;
    private final SalesforceProperties properties;
    private final SalesforceProperties.Lookup lookup;
    private final SalesforceProperties.Mapping mapping;
    private final Bulkhead queries;
    private final Limiter.Budget ingestRequests;
    private final IngestionRecords records;
    private final Clock clock;
    private final String profileFields;

    SalesforceCdpClient(DataCloudTokens tokens, RestClient http, RestClient ingestHttp, JsonMapper json,
            SalesforceProperties properties, Bulkhead queries, Limiter.Budget ingestRequests, Clock clock) {
        this.tokens = tokens;
        this.http = http;
        this.ingestHttp = ingestHttp;
        this.json = json;
        this.properties = properties;
        this.lookup = properties.lookup();
        this.mapping = properties.mapping();
        this.queries = queries;
        this.ingestRequests = ingestRequests;
        this.records = new IngestionRecords(json, properties.ingest().maxRequestBytes());
        this.clock = clock;
        this.profileFields = String.join(",", profileFields(properties));
    }

    /** The fields asked of the profile DMO: the id, every mapped field, the attributes; at most 50. */
    static List<String> profileFields(SalesforceProperties properties) {
        SalesforceProperties.Mapping m = properties.mapping();
        Set<String> fields = new LinkedHashSet<>();
        fields.add(properties.lookup().profileIdField());
        for (String field : List.of(m.firstName(), m.lastName(), m.email(), m.phone(), m.tier(), m.lifetimeValue(),
                m.preferredChannel(), m.sentiment(), m.updatedAt())) {
            if (!field.isBlank()) {
                fields.add(field.strip());
            }
        }
        m.attributes().stream().filter(a -> !a.isBlank()).map(String::strip).forEach(fields::add);
        return List.copyOf(fields);
    }

    @Override
    public String name() {
        return "salesforce";
    }

    @Override
    public CdpMatches lookup(CdpIdentifier identifier) {
        return switch (identifier.kind()) {
            case USER_ID -> profile(identifier.value()).map(p -> new CdpMatches(List.of(p))).orElse(CdpMatches.none());
            case PHONE -> byContactPoint(lookup.phoneObject(), lookup.phoneField(), identifier);
            case EMAIL -> byContactPoint(lookup.emailObject(), lookup.emailField(), identifier);
        };
    }

    @Override
    public Optional<CdpProfile> profile(String userId) {
        return profile(userId, null);
    }

    private Optional<CdpProfile> profile(String userId, @Nullable CdpIdentifier matchedBy) {
        if (userId.isBlank()) {
            return Optional.empty();
        }
        // /{dmo}/{id} answers 200 with an empty data list when nobody has the id: no 404 to wait for
        JsonNode answer = query(lookup.profileObject(), userId, profileFields, Map.of());
        for (JsonNode row : answer.path("data")) {
            Optional<CdpProfile> profile = toProfile(row, matchedBy);
            if (profile.isPresent()) {
                return profile;
            }
        }
        return Optional.empty();
    }

    private CdpMatches byContactPoint(String object, String field, CdpIdentifier identifier) {
        if (!expressible(identifier.value())) {
            return CdpMatches.none();
        }
        JsonNode points = query(object, null, List.of(lookup.partyField()), Map.of(field, identifier.value()));
        Set<String> parties = ids(points, lookup.partyField());
        Set<String> people = new LinkedHashSet<>();
        if (!lookup.linked()) {
            people.addAll(parties);
        } else {
            for (String party : parties) {
                JsonNode links = query(String.valueOf(lookup.linkObject()), null, List.of(lookup.linkUnifiedField()),
                        Map.of(lookup.linkSourceField(), party));
                people.addAll(ids(links, lookup.linkUnifiedField()));
                if (people.size() >= lookup.maxMatches()) {
                    break;
                }
            }
        }
        List<CdpProfile> profiles = new ArrayList<>();
        for (String person : people.stream().limit(lookup.maxMatches()).toList()) {
            profile(person, identifier).ifPresent(profiles::add);
        }
        return new CdpMatches(profiles);
    }

    /** The Profile API's filter syntax has no escaping: a value holding its delimiters cannot be asked. */
    private static boolean expressible(String value) {
        return !value.isBlank() && value.chars().noneMatch(c -> c == '[' || c == ']' || c == ',');
    }

    private Set<String> ids(JsonNode answer, String field) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode row : answer.path("data")) {
            String id = text(row, field);
            if (CdpProfile.namesAUser(id)) {
                ids.add(id.strip());
            }
            if (ids.size() >= lookup.maxMatches()) {
                break;
            }
        }
        return ids;
    }

    /**
     * {@code GET {tenant}/api/v1/profile/{object}[/{id}]?fields=...&filters=[a=b,c=d]} under the query
     * bulkhead, with one token refresh on 401.
     */
    private JsonNode query(String object, @Nullable String id, List<String> fields, Map<String, String> filters) {
        String fieldList = String.join(",", fields);
        return query(object, id, fieldList, filters);
    }

    private JsonNode query(String object, @Nullable String id, String fields, Map<String, String> filters) {
        Function<Token, URI> uri = token -> {
            StringBuilder path = new StringBuilder(token.tenant().toString())
                    .append("/api/v1/profile/").append(UriUtils.encodePathSegment(object, StandardCharsets.UTF_8));
            if (id != null) {
                path.append('/').append(UriUtils.encodePathSegment(id, StandardCharsets.UTF_8));
            }
            path.append("?fields=").append(UriUtils.encode(fields, StandardCharsets.UTF_8));
            if (!filters.isEmpty()) {
                StringBuilder filter = new StringBuilder("[");
                filters.forEach((k, v) -> filter.append(filter.length() > 1 ? "," : "").append(k).append('=').append(v));
                // strict encoding: a raw '+' of an E.164 number would arrive as a space
                path.append("&filters=").append(UriUtils.encode(filter.append(']').toString(), StandardCharsets.UTF_8));
            }
            return URI.create(path.toString());
        };
        String body;
        try {
            body = queries.executeSupplier(() -> authorized(token -> http.get()
                    .uri(uri.apply(token))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.accessToken())
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(String.class)));
        } catch (BulkheadFullException e) {
            throw new CdpUnavailable("all " + properties.limits().maxConcurrentQueries()
                    + " Data Cloud query slots of this instance are busy", e);
        } catch (HttpStatusCodeException e) {
            int status = e.getStatusCode().value();
            if (status == 404) {
                return json.createObjectNode();
            }
            if (status == 429 || status == 408 || status == 401 || e.getStatusCode().is5xxServerError()) {
                throw new CdpUnavailable("Data Cloud answered HTTP " + status, e, retryAfter(e));
            }
            // 400/403/422: our request or configuration (an unknown field or object is 422); asking
            // again cannot help, and it says nothing about Data Cloud's health, so no breaker
            throw new CdpRejected("Data Cloud refused the query on " + object + ": HTTP " + status
                    + (status == 422 ? " (a configured field or object does not exist)" : ""), e);
        } catch (RestClientException e) {
            throw new CdpUnavailable("Data Cloud unreachable or too slow: " + e.getClass().getSimpleName(), e);
        }
        if (body == null || body.isBlank()) {
            throw new CdpUnavailable("Data Cloud answered with an empty body");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new CdpUnavailable("Data Cloud answered with unreadable JSON", e);
        }
    }

    /** Runs a call with the current token; on 401 once more with a fresh one. */
    private <T> T authorized(Function<Token, T> call) {
        Token token = tokens.current();
        try {
            return call.apply(token);
        } catch (HttpStatusCodeException e) {
            if (e.getStatusCode().value() != 401) {
                throw e;
            }
            return call.apply(tokens.refresh(token));
        }
    }

    Optional<CdpProfile> toProfile(JsonNode row, @Nullable CdpIdentifier matchedBy) {
        String userId = text(row, lookup.profileIdField());
        if (!CdpProfile.namesAUser(userId)) {
            return Optional.empty();
        }
        String first = text(row, mapping.firstName());
        String last = text(row, mapping.lastName());
        String name = first == null ? last : last == null ? first : first + " " + last;
        String email = text(row, mapping.email());
        String phone = text(row, mapping.phone());
        // the contact point matched this person, so it is theirs even when the profile DMO has no copy
        if (matchedBy != null && matchedBy.kind() == CdpIdentifier.Kind.EMAIL && email == null) {
            email = matchedBy.value();
        }
        if (matchedBy != null && matchedBy.kind() == CdpIdentifier.Kind.PHONE && phone == null) {
            phone = matchedBy.value();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : mapping.attributes()) {
            String value = text(row, attribute.strip());
            if (value != null) {
                attributes.put(attribute.strip(), value);
            }
        }
        String sentiment = text(row, mapping.sentiment());
        return Optional.of(new CdpProfile(
                userId.strip(), name, email, phone,
                text(row, mapping.tier()),
                decimal(text(row, mapping.lifetimeValue())),
                text(row, mapping.preferredChannel()),
                sentiment == null || decimal(sentiment) == null ? null : Double.valueOf(sentiment),
                List.of(), List.of(), null, attributes,
                instant(text(row, mapping.updatedAt()))));
    }

    @Override
    public int maxBatchEvents() {
        return properties.ingest().maxRecords();
    }

    @Override
    public void track(CdpTrackEvent event) {
        CdpDelivery result = publish(List.of(event)).get(event.messageId());
        switch (result) {
            case CdpDelivery.Delivered delivered -> {}
            case CdpDelivery.Refused refused ->
                    throw new CdpRejected(refused.reason(), new IllegalArgumentException(refused.reason()));
            case CdpDelivery.RetryLater retry -> throw new CdpUnavailable(retry.reason(), null, retry.retryAfter());
            case CdpDelivery.NotSent notSent -> throw new CdpUnavailable("not sent");
            case null -> throw new CdpUnavailable("no result");
        }
    }

    /**
     * Sends the outcomes as few Ingestion API requests as the size limit allows. Each record is
     * checked against the schema first (a bad one is refused alone); a request Data Cloud refuses
     * as a whole (400, 413, 422) is split in halves until the record it refuses stands alone, so
     * the rest of the batch is delivered. An outage stops the round: the requests after it are
     * not sent.
     */
    @Override
    public Map<String, CdpDelivery> publish(List<CdpTrackEvent> events) {
        Map<String, CdpDelivery> results = new LinkedHashMap<>();
        List<List<Ready>> requests = new ArrayList<>();
        List<Ready> request = new ArrayList<>();
        int bytes = 0;
        int limit = properties.ingest().maxRequestBytes() - "{\"data\":[]}".length();
        for (CdpTrackEvent event : events) {
            Prepared prepared = records.prepare(event);
            results.put(event.messageId(), new CdpDelivery.NotSent());
            if (prepared instanceof Invalid invalid) {
                results.put(invalid.messageId(), new CdpDelivery.Refused("Data Cloud schema: " + invalid.reason()));
                continue;
            }
            Ready ready = (Ready) prepared;
            if (!request.isEmpty() && (bytes + 1 + ready.bytes() > limit
                    || request.size() >= properties.ingest().maxRecords())) {
                requests.add(request);
                request = new ArrayList<>();
                bytes = 0;
            }
            request.add(ready);
            bytes += ready.bytes() + 1;
        }
        if (!request.isEmpty()) {
            requests.add(request);
        }
        for (List<Ready> each : requests) {
            if (!send(each, results)) {
                break;
            }
        }
        return results;
    }

    /** @return false when Data Cloud is in trouble and the round must stop */
    private boolean send(List<Ready> request, Map<String, CdpDelivery> results) {
        Duration wait = ingestRequests.acquire();
        if (!wait.isZero()) {
            retryLater(request, results, "our Ingestion API request rate is used up", wait);
            return false;
        }
        String body = IngestionRecords.envelope(request);
        try {
            authorized(token -> ingestHttp.post()
                    .uri(ingestUri(token))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.accessToken())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .toBodilessEntity());
            request.forEach(r -> results.put(r.messageId(), CdpDelivery.delivered()));
            return true;
        } catch (HttpStatusCodeException e) {
            int status = e.getStatusCode().value();
            if (status == 400 || status == 413 || status == 422) {
                if (request.size() == 1) {
                    results.put(request.getFirst().messageId(),
                            new CdpDelivery.Refused("Data Cloud refused the record: HTTP " + status));
                    return true;
                }
                int half = request.size() / 2;
                return send(request.subList(0, half), results) && send(request.subList(half, request.size()), results);
            }
            // 401 after a refresh, 403/404 (connector, object or permission set), 408, 429, 5xx:
            // nothing about these records; they go again later
            retryLater(request, results, "Data Cloud ingestion answered HTTP " + status, retryAfter(e));
            return false;
        } catch (CdpUnavailable e) {
            retryLater(request, results, e.getMessage(), e.retryAfter().orElse(null));
            return false;
        } catch (RestClientException e) {
            retryLater(request, results, "Data Cloud ingestion unreachable: " + e.getClass().getSimpleName(), null);
            return false;
        }
    }

    private URI ingestUri(Token token) {
        SalesforceProperties.Ingest ingest = properties.ingest();
        return URI.create(token.tenant() + "/api/v1/ingest/sources/"
                + UriUtils.encodePathSegment(String.valueOf(ingest.connector()), StandardCharsets.UTF_8) + "/"
                + UriUtils.encodePathSegment(ingest.object(), StandardCharsets.UTF_8));
    }

    private static void retryLater(List<Ready> request, Map<String, CdpDelivery> results, String reason,
            @Nullable Duration retryAfter) {
        request.forEach(r -> results.put(r.messageId(), new CdpDelivery.RetryLater(reason, retryAfter)));
    }

    /** Whether a Data Cloud token can be had and the tenant answers (any status below 500). */
    @Override
    public boolean ping() {
        try {
            Token token = tokens.current();
            int status = http.get()
                    .uri(URI.create(token.tenant() + "/api/v1/profile/metadata/"
                            + UriUtils.encodePathSegment(lookup.profileObject(), StandardCharsets.UTF_8)))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.accessToken())
                    .retrieve()
                    .onStatus(s -> true, (req, res) -> {})
                    .toBodilessEntity()
                    .getStatusCode()
                    .value();
            return status < 500;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date; absent or unreadable means "not said". */
    private @Nullable Duration retryAfter(HttpStatusCodeException e) {
        String value = e.getResponseHeaders() == null ? null : e.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        return RetryAfter.parse(value, clock.instant());
    }

    private static @Nullable String text(JsonNode row, String field) {
        if (field.isBlank()) {
            return null;
        }
        JsonNode node = row.path(field);
        if (node.isValueNode() && !node.isNull()) {
            String text = node.asString();
            return text.isBlank() ? null : text;
        }
        return null;
    }

    private static @Nullable BigDecimal decimal(@Nullable String text) {
        try {
            return text == null ? null : new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Data Cloud dates come as ISO instants or with an offset; anything else is left out. */
    private static @Nullable Instant instant(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}

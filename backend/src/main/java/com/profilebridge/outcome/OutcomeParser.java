package com.profilebridge.outcome;

import com.profilebridge.masking.PiiMasker;
import com.profilebridge.shared.InteractionId;
import com.profilebridge.shared.Sha256;
import com.profilebridge.shared.web.BadRequest;
import java.io.ByteArrayOutputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recognises what the platforms post to {@code /v1/interactions/track} and turns each into one
 * {@link IncomingOutcome}:
 * <ul>
 *   <li>the integration guide's Genesys webhook body {@code {userId, interactionType, outcome,
 *       duration, agentId, timestamp}} and its CXone body {@code {userId, disposition, summary,
 *       workItem}}, each with {@code interactionId}, {@code conversationId} or {@code contactId};
 *   <li>Genesys detail events ({@code v2.detail.events.conversation.{id}.acw}, {@code .customer.end},
 *       ...) raw, as their {@code {topicName, eventBody}} notification, or in the Amazon EventBridge
 *       envelope. Their {@code userId} is the <em>agent</em>, never the customer: the customer comes
 *       from the interaction link.
 * </ul>
 * Only the {@link #PROPERTIES allowlisted} properties are kept (the caller's and the dialled number,
 * addresses and anything else a platform adds never reach the outbox or the CDP); free text is
 * masked here, before anything is stored. Every id, time and length is checked here, at the edge:
 * a value out of range is a 400 problem detail, never a 500 or a stored value.
 */
class OutcomeParser {

    private static final String TOPIC_PREFIX = "v2.detail.events.conversation.";
    /** Guide fields with a meaning of their own; everything else is kept as a property. */
    private static final Set<String> ID_FIELDS = Set.of("interactionId", "conversationId", "contactId", "userId");
    /**
     * The outcome properties stored in the outbox and sent to the CDP (README, "Outcome pipeline").
     * Everything else a body carries ({@code ANI}, {@code callerNumber}, {@code addressFrom},
     * {@code callbackNumbers}, ...) is dropped before anything is stored.
     */
    static final Set<String> PROPERTIES = Set.of(
            "event", "channel", "interactionType", "direction", "outcome", "disposition", "dispositionCode",
            "disconnectType", "duration", "wrapupDurationMs", "agentId", "queueId", "skill", "workItem",
            "summary", "notes");
    /** The largest number magnitude a property may have (2^53 - 1). */
    static final long MAX_EXACT = 9_007_199_254_740_991L;
    /** Free text: masked like every other text, and allowed to be longer. */
    private static final Set<String> FREE_TEXT = Set.of("summary", "notes");
    static final int MAX_TEXT = 256;
    static final int MAX_FREE_TEXT = 4_000;
    /** Event times before this are a platform's placeholder or a mistake, never an outcome. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** An event's own id (eventId, messageId, EventBridge id, webhook-id): printable ASCII, no spaces. */
    static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern KIND = Pattern.compile("[a-z][a-z_.]{0,39}");
    private static final String DEFAULT_USER_ID = "^[A-Za-z][A-Za-z0-9_:.\\-]{2,127}$";

    private final JsonMapper json;
    private final PiiMasker masker;
    private final Pattern userIdPattern;
    private final Duration maxFutureSkew;

    OutcomeParser(JsonMapper json, PiiMasker masker) {
        this(json, masker, DEFAULT_USER_ID, Duration.ofMinutes(5));
    }

    /**
     * @param userIdPattern what a CDP user id looks like ({@code bridge.identity.user-id-pattern})
     * @param maxFutureSkew how far ahead of the clock an event time may be ({@code bridge.outcomes.max-future-skew})
     */
    OutcomeParser(JsonMapper json, PiiMasker masker, String userIdPattern, Duration maxFutureSkew) {
        this.json = json;
        this.masker = masker;
        this.userIdPattern = Pattern.compile(userIdPattern);
        this.maxFutureSkew = maxFutureSkew;
    }

    IncomingOutcome parse(JsonNode body, String caller, @Nullable String webhookId, Instant receivedAt) {
        if (!body.isObject()) {
            throw new BadRequest("not-an-object", "The body must be a JSON object.");
        }
        if (body.has("detail-type") && body.path("detail").isObject()) {
            String envelopeId = eventId(body, "id");
            return detailEvent(body.path("detail"), envelopeId == null ? null : "eventbridge:" + envelopeId,
                    time(body, "time", receivedAt), receivedAt);
        }
        if (body.has("topicName") && body.path("eventBody").isObject()) {
            return detailEvent(body, null, null, receivedAt);
        }
        if (isRawDetailEventBody(body)) {
            return detailEventBody(body, null, rawKind(body), null, receivedAt);
        }
        return guideShape(body, caller, webhookId, receivedAt);
    }

    private IncomingOutcome detailEvent(JsonNode detail, @Nullable String ownId, @Nullable Instant envelopeTime,
            Instant receivedAt) {
        String topic = text(detail, "topicName");
        JsonNode eventBody = detail.path("eventBody");
        if (topic == null || !topic.startsWith(TOPIC_PREFIX) || !eventBody.isObject()) {
            throw new BadRequest("unsupported-event",
                    "Only Genesys conversation detail events (" + TOPIC_PREFIX + "{id}.acw, .customer.end, ...) are accepted.");
        }
        String rest = topic.substring(TOPIC_PREFIX.length());
        int dot = rest.indexOf('.');
        String kind = dot < 0 ? "detail" : rest.substring(dot + 1);
        if (!KIND.matcher(kind).matches()) {
            throw new BadRequest("unsupported-event", "The topic's event kind is not one of Genesys' (acw, customer.end, ...).");
        }
        Instant fallbackTime = envelopeTime != null ? envelopeTime : time(detail, "timestamp", receivedAt);
        return detailEventBody(eventBody, ownId, kind, fallbackTime, receivedAt);
    }

    private IncomingOutcome detailEventBody(JsonNode e, @Nullable String ownId, String kind,
            @Nullable Instant fallbackTime, Instant receivedAt) {
        String conversationId = interactionId(text(e, "conversationId"), "conversationId");
        if (conversationId == null) {
            throw new BadRequest("missing-interaction-id", "The detail event has no conversationId.");
        }
        Instant eventTime = time(e, "eventTime", receivedAt);
        if (eventTime == null) {
            eventTime = fallbackTime != null ? fallbackTime : receivedAt;
        }
        String participantId = text(e, "participantId");
        // the key is hashed with the caller before it is stored: its length is not limited here
        String dedupeKey = ownId != null ? ownId
                : "genesys:" + kind + ":" + conversationId + ":" + (participantId == null ? "-" : participantId) + ":"
                        + eventTime.toEpochMilli();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("channel", text(e, "mediaType") == null ? "voice" : text(e, "mediaType").toLowerCase(Locale.ROOT));
        fields.put("event", kind);
        copy(e, fields, Set.of("conversationId", "eventTime", "userId", "wrapupCode", "wrapupNotes", "mediaType"));
        // in detail events userId is the agent who wrapped up, not the customer
        putIfText(fields, "agentId", text(e, "userId"));
        putIfText(fields, "disposition", text(e, "wrapupCode"));
        putIfText(fields, "notes", text(e, "wrapupNotes"));
        return new IncomingOutcome("genesys", kind, dedupeKey, false, conversationId, null, eventTime, mask(fields));
    }

    private IncomingOutcome guideShape(JsonNode body, String caller, @Nullable String webhookId, Instant receivedAt) {
        String interactionId = firstInteractionId(body, "interactionId", "conversationId", "contactId");
        String userId = usableUserId(text(body, "userId"));
        if (userId != null && !userIdPattern.matcher(userId).matches()) {
            throw new BadRequest("invalid-user-id", "'userId' is not a CDP user id (letters, digits and _ : . -, 3-128"
                    + " characters, starting with a letter).");
        }
        if (interactionId == null && userId == null) {
            throw new BadRequest("missing-interaction-id",
                    "Neither interactionId/conversationId/contactId nor a userId is present: the outcome cannot be "
                            + "attributed to anything. Check the webhook or Studio body template.");
        }
        boolean cxone = body.has("disposition") || body.has("workItem") || body.has("contactId");
        boolean genesys = body.has("interactionType") || body.has("outcome") || body.has("conversationId");
        String source = cxone ? "cxone" : genesys ? "genesys" : "other";
        Instant sentTime = firstTime(body, receivedAt, "timestamp", "eventTime", "updatedAt");
        Instant eventTime = sentTime != null ? sentTime : receivedAt;
        String ownId = firstEventId(body, "eventId", "messageId");
        String dedupeKey;
        if (webhookId != null) {
            dedupeKey = "webhook:" + caller + ":" + webhookId;
        } else if (ownId != null) {
            dedupeKey = source + ":id:" + ownId;
        } else {
            dedupeKey = source + ":sha256:" + canonicalHash(body);
        }
        // Without an id or a time of its own, the same body is the same event only as a retry: the
        // agent may well pick disposition A again after B. Such bodies are deduped within the retry
        // window only (bridge.outcomes.retry-window).
        boolean retryWindowOnly = webhookId == null && ownId == null && sentTime == null;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("channel", "voice");
        fields.put("event", "outcome");
        copy(body, fields, ID_FIELDS);
        Object disposition = fields.get("disposition") != null ? fields.get("disposition") : fields.get("outcome");
        if (disposition != null) {
            fields.put("disposition", disposition);
        }
        if (fields.get("interactionType") instanceof String type && !type.isBlank()) {
            fields.put("channel", type.toLowerCase(Locale.ROOT));
        }
        String key = interactionId != null ? interactionId : "no-interaction:" + Sha256.hex(dedupeKey).substring(0, 40);
        return new IncomingOutcome(source, "outcome", dedupeKey, retryWindowOnly, key, userId, eventTime, mask(fields));
    }

    /** {@code ""}, {@code "null"}, {@code "undefined"} or an unrendered {@code {{template}}} mean "no id". */
    static @Nullable String usableUserId(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.isEmpty() || v.equalsIgnoreCase("null") || v.equalsIgnoreCase("undefined") || v.contains("{{")
                || v.contains("${")) {
            return null;
        }
        return v;
    }

    private static boolean isRawDetailEventBody(JsonNode body) {
        return body.has("conversationId") && body.has("participantId") && body.has("eventTime");
    }

    private static String rawKind(JsonNode body) {
        return body.has("wrapupCode") || body.has("wrapupNotes") || body.has("wrapupDurationMs") ? "acw" : "end";
    }

    /** Copies the allowlisted properties; each must be a string, number or boolean. */
    private void copy(JsonNode from, Map<String, Object> to, Set<String> skip) {
        for (Map.Entry<String, JsonNode> field : from.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (skip.contains(name) || !PROPERTIES.contains(name) || value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw new BadRequest("invalid-property", "'" + name + "' must be a string, number or boolean.");
            }
            if (value.isNumber() && !isExact(value)) {
                throw new BadRequest("invalid-property", "'" + name + "' must be a finite number between -"
                        + MAX_EXACT + " and " + MAX_EXACT + ".");
            }
            to.put(name, json.treeToValue(value, Object.class));
        }
    }

    /**
     * A number every JSON reader on the way keeps as it is: finite and within +-(2^53 - 1), the
     * integers a double (JavaScript, the CDPs' JSON) holds exactly. An infinite or huge value would be
     * stored as {@code Infinity} or rounded, and sent on so to the CDP.
     */
    private static boolean isExact(JsonNode number) {
        double value = number.asDouble();
        return Double.isFinite(value) && Math.abs(value) <= MAX_EXACT
                && (!number.isIntegralNumber() || number.canConvertToLong() && Math.abs(number.asLong()) <= MAX_EXACT);
    }

    /** Only allowlisted properties, texts within their length and masked (card numbers, SSNs). */
    private Map<String, Object> mask(Map<String, Object> fields) {
        Map<String, Object> allowed = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (!PROPERTIES.contains(name)) {
                return;
            }
            if (value instanceof String text) {
                int max = FREE_TEXT.contains(name) ? MAX_FREE_TEXT : MAX_TEXT;
                if (text.length() > max) {
                    throw new BadRequest("property-too-long", "'" + name + "' is longer than " + max + " characters.");
                }
            }
            allowed.put(name, value);
        });
        // the one masking engine: its field policy by name and its free-text detectors on every value
        return masker.maskFields(allowed);
    }

    /** The properties of a stored payload that may go to the CDP (payloads stored before the allowlist included). */
    static Map<String, Object> allowlisted(Map<String, Object> payload) {
        Map<String, Object> kept = new LinkedHashMap<>();
        payload.forEach((name, value) -> {
            if (PROPERTIES.contains(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    private static void putIfText(Map<String, Object> fields, String name, @Nullable String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return null;
        }
        String text = value.asString().strip();
        return text.isEmpty() ? null : text;
    }

    /** The first present interaction id field, checked with the one rule ({@link InteractionId}). */
    private static @Nullable String firstInteractionId(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = interactionId(text(node, field), field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable String interactionId(@Nullable String value, String field) {
        if (value == null) {
            return null;
        }
        if (!InteractionId.isValid(value)) {
            // the detail never repeats the value: it may be anything, and it would reach the log
            throw new BadRequest("invalid-interaction-id", "'" + field + "' is not an interaction id (1-"
                    + InteractionId.MAX_LENGTH + " letters, digits and . _ : -).");
        }
        return value;
    }

    private static @Nullable String firstEventId(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = eventId(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable String eventId(JsonNode node, String field) {
        JsonNode raw = node.get(field);
        if (raw != null && raw.isContainer()) {
            throw new BadRequest("invalid-event-id", "'" + field + "' is not an event id (a string, not an object or"
                    + " array).");
        }
        String value = text(node, field);
        if (value != null && !EVENT_ID.matcher(value).matches()) {
            throw new BadRequest("invalid-event-id", "'" + field + "' is not an event id (1-128 printable characters,"
                    + " no spaces).");
        }
        return value;
    }

    private @Nullable Instant firstTime(JsonNode node, Instant receivedAt, String... fields) {
        for (String field : fields) {
            Instant value = time(node, field, receivedAt);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * Epoch milliseconds (Genesys detail events) or ISO-8601 with an offset, between 2000 and
     * {@code max-future-skew} after arrival: a time outside that would be stored and then win (or
     * lose) every ordering.
     */
    private @Nullable Instant time(JsonNode node, String field, Instant receivedAt) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Instant time;
        if (value.isNumber()) {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw invalidTime(field);
            }
            time = Instant.ofEpochMilli(value.asLong());
        } else {
            String text = value.isString() ? value.asString().strip() : null;
            if (text == null) {
                throw invalidTime(field);
            }
            if (text.isEmpty() || text.contains("{{")) {
                return null;
            }
            time = parseTime(text, field);
        }
        if (time.isBefore(EARLIEST) || time.isAfter(receivedAt.plus(maxFutureSkew))) {
            throw new BadRequest("invalid-timestamp", "'" + field + "' is not between 2000-01-01 and "
                    + maxFutureSkew.toMinutes() + " minutes from now.");
        }
        return time;
    }

    private static Instant parseTime(String text, String field) {
        if (text.length() > 64) {
            throw invalidTime(field);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notIso) {
            if (!text.isEmpty() && text.length() <= 15 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            throw invalidTime(field);
        }
    }

    private static BadRequest invalidTime(String field) {
        return new BadRequest("invalid-timestamp",
                "'" + field + "' is neither ISO-8601 with an offset (2026-11-28T10:15:30Z) nor epoch milliseconds.");
    }

    /**
     * A hash of the body with its keys sorted, so the same content always gives the same key. The
     * bytes hashed are what the mapper writes for the body bound to maps and lists with sorted keys
     * and {@code null} as {@code ""}; written here straight from the tree (a third of the parse
     * otherwise), and they must never change: stored keys are what makes a later retry a duplicate.
     */
    private String canonicalHash(JsonNode body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = json.createGenerator(bytes)) {
            writeSorted(body, out);
        }
        return HexFormat.of().formatHex(Sha256.of(bytes.toByteArray()));
    }

    private static void writeSorted(JsonNode node, JsonGenerator out) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(node.properties());
            properties.sort(Map.Entry.comparingByKey());
            out.writeStartObject();
            for (Map.Entry<String, JsonNode> property : properties) {
                out.writeName(property.getKey());
                writeSorted(property.getValue(), out);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node) {
                writeSorted(element, out);
            }
            out.writeEndArray();
        } else if (node.isNull() || node.isMissingNode()) {
            out.writeString("");
        } else {
            out.writeTree(node);
        }
    }
}

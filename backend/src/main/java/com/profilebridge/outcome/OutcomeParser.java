package com.profilebridge.outcome;

import com.profilebridge.masking.PiiMasker;
import com.profilebridge.shared.Sha256;
import com.profilebridge.shared.web.BadRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
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
 * Free text is masked here, before anything is stored; the caller's phone number ({@code ani}) is
 * dropped.
 */
class OutcomeParser {

    private static final String TOPIC_PREFIX = "v2.detail.events.conversation.";
    /** Guide fields with a meaning of their own; everything else is kept as a property. */
    private static final Set<String> ID_FIELDS = Set.of("interactionId", "conversationId", "contactId", "userId");
    /** The caller's and the dialled number: PII the CDP does not need from an outcome. */
    private static final Set<String> DROPPED = Set.of("ani", "dnis", "conversationExternalContactIds");

    private final JsonMapper json;
    private final PiiMasker masker;

    OutcomeParser(JsonMapper json, PiiMasker masker) {
        this.json = json;
        this.masker = masker;
    }

    IncomingOutcome parse(JsonNode body, String caller, @Nullable String webhookId, Instant receivedAt) {
        if (!body.isObject()) {
            throw new BadRequest("not-an-object", "The body must be a JSON object.");
        }
        if (body.has("detail-type") && body.path("detail").isObject()) {
            String envelopeId = text(body, "id");
            return detailEvent(body.path("detail"), envelopeId == null ? null : "eventbridge:" + envelopeId,
                    time(body, "time"), receivedAt);
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
        Instant fallbackTime = envelopeTime != null ? envelopeTime : time(detail, "timestamp");
        return detailEventBody(eventBody, ownId, kind, fallbackTime, receivedAt);
    }

    private IncomingOutcome detailEventBody(JsonNode e, @Nullable String ownId, String kind,
            @Nullable Instant fallbackTime, Instant receivedAt) {
        String conversationId = text(e, "conversationId");
        if (conversationId == null) {
            throw new BadRequest("missing-interaction-id", "The detail event has no conversationId.");
        }
        Instant eventTime = time(e, "eventTime");
        if (eventTime == null) {
            eventTime = fallbackTime != null ? fallbackTime : receivedAt;
        }
        String participantId = text(e, "participantId");
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
        return new IncomingOutcome("genesys", kind, dedupeKey, conversationId, null, eventTime, mask(fields));
    }

    private IncomingOutcome guideShape(JsonNode body, String caller, @Nullable String webhookId, Instant receivedAt) {
        String interactionId = firstText(body, "interactionId", "conversationId", "contactId");
        String userId = usableUserId(text(body, "userId"));
        if (interactionId == null && userId == null) {
            throw new BadRequest("missing-interaction-id",
                    "Neither interactionId/conversationId/contactId nor a userId is present: the outcome cannot be "
                            + "attributed to anything. Check the webhook or Studio body template.");
        }
        boolean cxone = body.has("disposition") || body.has("workItem") || body.has("contactId");
        boolean genesys = body.has("interactionType") || body.has("outcome") || body.has("conversationId");
        String source = cxone ? "cxone" : genesys ? "genesys" : caller;
        Instant eventTime = firstTime(body, "timestamp", "eventTime", "updatedAt");
        if (eventTime == null) {
            eventTime = receivedAt;
        }
        String ownId = firstText(body, "eventId", "messageId");
        String dedupeKey;
        if (webhookId != null) {
            dedupeKey = "webhook:" + caller + ":" + webhookId;
        } else if (ownId != null) {
            dedupeKey = source + ":id:" + ownId;
        } else {
            dedupeKey = source + ":sha256:" + canonicalHash(body);
        }
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
        String key = interactionId != null ? interactionId : "no-interaction:" + dedupeKey;
        return new IncomingOutcome(source, "outcome", dedupeKey, key, userId, eventTime, mask(fields));
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

    private void copy(JsonNode from, Map<String, Object> to, Set<String> skip) {
        for (Map.Entry<String, JsonNode> field : from.properties()) {
            String name = field.getKey();
            if (skip.contains(name) || DROPPED.contains(name) || field.getValue().isNull()) {
                continue;
            }
            to.put(name, json.treeToValue(field.getValue(), Object.class));
        }
    }

    private Map<String, Object> mask(Map<String, Object> fields) {
        Map<String, Object> masked = new LinkedHashMap<>();
        fields.forEach((k, v) -> masked.put(k, maskValue(v)));
        return masked;
    }

    private Object maskValue(Object value) {
        if (value instanceof String s) {
            return masker.maskText(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : maskValue(v)));
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(v -> v == null ? "" : maskValue(v)).toList();
        }
        return value;
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

    private static @Nullable String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable Instant firstTime(JsonNode node, String... fields) {
        for (String field : fields) {
            Instant value = time(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Epoch milliseconds (Genesys detail events) or ISO-8601 with an offset. */
    private static @Nullable Instant time(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        String text = value.asString().strip();
        if (text.isEmpty() || text.contains("{{")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notIso) {
            if (text.length() <= 15 && text.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            throw new BadRequest("invalid-timestamp",
                    "'" + field + "' is neither ISO-8601 with an offset (2026-11-28T10:15:30Z) nor epoch milliseconds.");
        }
    }

    /** A hash of the body with its keys sorted, so the same content always gives the same key. */
    private String canonicalHash(JsonNode body) {
        return Sha256.hex(json.writeValueAsString(sorted(json.treeToValue(body, Object.class))));
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : sorted(v)));
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(v -> v == null ? "" : sorted(v)).toList();
        }
        return value;
    }
}

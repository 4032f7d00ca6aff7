package com.profilebridge.cdp.salesforce;

import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpTrackEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns outcomes into records of the Ingestion API object {@code interaction_outcome} and checks each
 * one before it is sent. The Ingestion API validates a whole request and wants every schema field
 * in every record, so a record that would fail is refused here, alone, and never spoils a request.
 */
final class IngestionRecords {

    /** One schema field: its name in the object and the outcome property it comes from. */
    record Column(String name, String property, boolean number, boolean required) {}

    /** The schema of the object (docs/cdp/salesforce.md has it as the OpenAPI file to upload). */
    static final List<Column> SCHEMA = List.of(
            new Column("message_id", "", false, true),
            new Column("individual_id", "", false, true),
            new Column("event_name", "", false, true),
            new Column("event_time", "", false, true),
            new Column("interaction_id", "interactionId", false, false),
            new Column("revision", "revision", true, false),
            new Column("corrects_message_id", "correctsMessageId", false, false),
            new Column("channel", "channel", false, false),
            new Column("interaction_type", "interactionType", false, false),
            new Column("direction", "direction", false, false),
            new Column("outcome", "outcome", false, false),
            new Column("disposition", "disposition", false, false),
            new Column("disposition_code", "dispositionCode", false, false),
            new Column("disconnect_type", "disconnectType", false, false),
            new Column("duration", "duration", false, false),
            new Column("wrapup_duration_ms", "wrapupDurationMs", true, false),
            new Column("agent_id", "agentId", false, false),
            new Column("queue_id", "queueId", false, false),
            new Column("skill", "skill", false, false),
            new Column("work_item", "workItem", false, false),
            new Column("summary", "summary", false, false),
            new Column("notes", "notes", false, false));

    /** A record ready to send (its JSON) or the reason it cannot be. */
    sealed interface Prepared permits Ready, Invalid {
        String messageId();
    }

    record Ready(String messageId, String json, int bytes) implements Prepared {}

    record Invalid(String messageId, String reason) implements Prepared {}

    private final JsonMapper json;
    private final int maxRecordBytes;

    /**
     * @param json the application's mapper, for its modules; its null handling is overridden here
     * @param maxRequestBytes the request limit; one record must fit with its envelope
     */
    IngestionRecords(JsonMapper json, int maxRequestBytes) {
        // the application leaves nulls out (spring.jackson.default-property-inclusion=non_null), but
        // a record without a schema field is refused by the Ingestion API: absent values go as null
        this.json = json.rebuild()
                .changeDefaultPropertyInclusion(any -> JsonInclude.Value.construct(Include.ALWAYS, Include.ALWAYS))
                .build();
        this.maxRecordBytes = maxRequestBytes - "{\"data\":[]}".length();
    }

    Prepared prepare(CdpTrackEvent event) {
        Map<String, @Nullable Object> record = new LinkedHashMap<>();
        for (Column column : SCHEMA) {
            Object value = switch (column.name()) {
                case "message_id" -> event.messageId();
                case "individual_id" -> event.userId();
                case "event_name" -> event.event();
                case "event_time" -> event.timestamp().toString();
                default -> event.properties().get(column.property());
            };
            if (column.required() && (value == null || value.toString().isBlank())) {
                return new Invalid(event.messageId(), "field " + column.name() + " is required");
            }
            if (value != null && column.number()) {
                BigDecimal number = number(value);
                if (number == null) {
                    return new Invalid(event.messageId(), "field " + column.name() + " is not a number");
                }
                value = number;
            } else if (value != null && !(value instanceof String)) {
                value = value.toString();
            }
            // every schema field is present, absent values as null: the Ingestion API refuses a
            // record that lacks a field of the schema
            record.put(column.name(), value);
        }
        if (!CdpProfile.namesAUser(event.userId())) {
            return new Invalid(event.messageId(), "field individual_id is required");
        }
        String text = json.writeValueAsString(record);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxRecordBytes) {
            return new Invalid(event.messageId(), "record of " + bytes + " bytes exceeds the request limit");
        }
        return new Ready(event.messageId(), text, bytes);
    }

    /** The request body for records already prepared: {@code {"data":[...]}}. */
    static String envelope(List<Ready> records) {
        StringBuilder body = new StringBuilder(records.stream().mapToInt(Ready::bytes).sum() + 16 + records.size());
        body.append("{\"data\":[");
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(records.get(i).json());
        }
        return body.append("]}").toString();
    }

    private static @Nullable BigDecimal number(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        try {
            return new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

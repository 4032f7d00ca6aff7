package com.profilebridge.cdp.adobe;

import com.profilebridge.cdp.CdpTrackEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outcomes as AEP streaming messages: {@code header} (schemaRef, imsOrgId, datasetId, createdAt)
 * and {@code body.xdmEntity}, an XDM ExperienceEvent with {@code _id} = the outbox message id (AEP
 * Profile drops an event whose {@code _id} it already holds, so a resend is harmless),
 * {@code timestamp}, {@code eventType}, the caller in {@code identityMap} under the CRM namespace,
 * and the outcome's properties under the tenant namespace.
 */
final class XdmEvents {

    private final AdobeCdpProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, String> schemaRef;

    XdmEvents(AdobeCdpProperties properties, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        AdobeCdpProperties.Events events = properties.events();
        this.schemaRef = Map.of(
                "id", String.valueOf(events.schemaId()),
                "contentType", "application/vnd.adobe.xed-full+json;version=" + events.schemaVersion());
    }

    /** One serialised message; its size decides how many fit in a request. */
    record Message(String messageId, byte[] bytes) {}

    Message message(CdpTrackEvent event) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("schemaRef", schemaRef);
        header.put("imsOrgId", properties.orgId());
        header.put("datasetId", properties.events().datasetId());
        header.put("createdAt", clock.millis());
        header.put("source", Map.of("name", "Profile Bridge"));

        Map<String, Object> outcome = new LinkedHashMap<>(event.properties());
        outcome.put("eventName", event.event());
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("_id", event.messageId());
        entity.put("timestamp", event.timestamp().toString());
        entity.put("eventType", event.event());
        entity.put("identityMap", Map.of(properties.crmNamespace(),
                List.of(Map.of("id", event.userId(), "primary", true))));
        entity.put(String.valueOf(properties.tenantField()), Map.of(properties.events().propertiesField(), outcome));

        Map<String, Object> message = new LinkedHashMap<>();
        message.put("header", header);
        message.put("body", Map.of("xdmMeta", Map.of("schemaRef", schemaRef), "xdmEntity", entity));
        return new Message(event.messageId(), json.writeValueAsBytes(message));
    }

    /** {@code {"messages":[...]}} from already serialised messages. */
    byte[] batchBody(List<Message> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"messages\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(messages.get(i).bytes());
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}

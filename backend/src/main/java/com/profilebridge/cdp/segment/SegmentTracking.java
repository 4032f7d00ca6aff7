package com.profilebridge.cdp.segment;

import com.profilebridge.cdp.CdpDelivery;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpTrackEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outcomes through the Tracking API's {@code batch} call
 * (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/#batch).
 * Segment answers 200 even to events it drops (no {@code userId}, no {@code event}, over 32 KB,
 * more than 2,500 in a batch), so each event is checked here first and refused on our side, never
 * sent to vanish. A 400 for a whole batch (oversize, invalid JSON) is narrowed down by halving the
 * batch until the one event Segment refuses goes to dead letters alone and the rest is delivered.
 * Segment drops a resent {@code messageId} (~24 h), so a retry after a timeout cannot duplicate.
 */
final class SegmentTracking {

    /** Segment's 32 KB per event and 500 KB per batch, counted in decimal kilobytes to stay clear of either reading. */
    static final int MAX_EVENT_BYTES = 32_000;
    static final int MAX_BATCH_BYTES = 500_000;
    static final int MAX_BATCH_EVENTS = 2_500;
    /** Segment deduplicates by a {@code messageId} of fewer than 100 characters. */
    static final int MAX_MESSAGE_ID = 99;
    private static final byte[] OPEN = "{\"batch\":[".getBytes(StandardCharsets.US_ASCII);
    /** Room for the envelope: brackets, commas and {@code sentAt}. */
    private static final int ENVELOPE_BYTES = 100;

    private final SegmentHttp http;
    private final SegmentCredential writeKey;
    private final JsonMapper json;
    private final Clock clock;
    private final URI batchUri;
    private final Duration timeout;
    private final int maxEvents;

    SegmentTracking(SegmentHttp http, SegmentCredential writeKey, JsonMapper json, Clock clock, URI trackingBase,
            Duration timeout, int maxEvents) {
        this.http = http;
        this.writeKey = writeKey;
        this.json = json;
        this.clock = clock;
        this.batchUri = URI.create(trackingBase.toString().replaceAll("/+$", "") + "/v1/batch");
        this.timeout = timeout;
        this.maxEvents = Math.clamp(maxEvents, 1, MAX_BATCH_EVENTS);
    }

    int maxEvents() {
        return maxEvents;
    }

    /** One event, encoded once. */
    private record Encoded(String messageId, byte[] json) {}

    Map<String, CdpDelivery> publish(List<CdpTrackEvent> events) {
        Map<String, CdpDelivery> results = new LinkedHashMap<>();
        List<List<Encoded>> batches = new ArrayList<>();
        List<Encoded> batch = new ArrayList<>();
        int bytes = ENVELOPE_BYTES;
        for (CdpTrackEvent event : events) {
            String invalid = invalid(event);
            if (invalid != null) {
                results.put(event.messageId(), new CdpDelivery.Refused(invalid));
                continue;
            }
            byte[] encoded = json.writeValueAsBytes(body(event));
            if (encoded.length > MAX_EVENT_BYTES) {
                results.put(event.messageId(), new CdpDelivery.Refused(
                        "event is " + encoded.length + " bytes; Segment drops events over " + MAX_EVENT_BYTES));
                continue;
            }
            if (!batch.isEmpty() && (batch.size() >= maxEvents || bytes + encoded.length + 1 > MAX_BATCH_BYTES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = ENVELOPE_BYTES;
            }
            batch.add(new Encoded(event.messageId(), encoded));
            bytes += encoded.length + 1;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        boolean going = true;
        for (List<Encoded> each : batches) {
            going = going ? send(each, results) : notSent(each, results);
        }
        // keep the caller's order: the outbox files results by message id, dashboards read them in order
        Map<String, CdpDelivery> ordered = new LinkedHashMap<>();
        events.forEach(e -> ordered.put(e.messageId(), results.get(e.messageId())));
        return ordered;
    }

    /** What Segment would silently drop, or what could not be deduplicated; null when the event is fine. */
    private static @Nullable String invalid(CdpTrackEvent event) {
        if (event.messageId().isBlank() || event.messageId().length() > MAX_MESSAGE_ID) {
            return "messageId must be 1.." + MAX_MESSAGE_ID + " characters for Segment to deduplicate it";
        }
        if (!CdpProfile.namesAUser(event.userId())) {
            return "no userId: Segment would accept and drop the event";
        }
        if (event.event().isBlank()) {
            return "no event name: Segment would accept and drop the event";
        }
        return null;
    }

    private static Map<String, Object> body(CdpTrackEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "track");
        body.put("messageId", event.messageId());
        body.put("userId", event.userId().strip());
        body.put("event", event.event());
        body.put("timestamp", event.timestamp().toString());
        body.put("properties", event.properties());
        return body;
    }

    /** @return false when Segment is in trouble: the batches after this one are not sent */
    private boolean send(List<Encoded> batch, Map<String, CdpDelivery> results) {
        SegmentHttp.Answer answer;
        try {
            byte[] body = envelope(batch);
            answer = http.send(() -> HttpRequest.newBuilder(batchUri).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)), writeKey);
        } catch (HttpTimeoutException e) {
            return retryLater(batch, results, "Segment Tracking API too slow", null);
        } catch (IOException e) {
            return retryLater(batch, results, "Segment Tracking API unreachable: " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return retryLater(batch, results, "interrupted while sending to Segment", null);
        }
        int status = answer.status();
        if (answer.ok()) {
            batch.forEach(e -> results.put(e.messageId(), CdpDelivery.delivered()));
            return true;
        }
        if (status == 400 || status == 413) {
            if (batch.size() == 1) {
                results.put(batch.getFirst().messageId(), new CdpDelivery.Refused("Segment refused the event: HTTP " + status));
                return true;
            }
            // one bad event refuses the whole request: halve until it stands alone
            int half = batch.size() / 2;
            List<Encoded> second = batch.subList(half, batch.size());
            return send(batch.subList(0, half), results) ? send(second, results) : notSent(second, results);
        }
        String reason = switch (status) {
            case 401, 403 -> "Segment refused the write key: HTTP " + status;
            case 429 -> "Segment rate limit: HTTP 429";
            default -> "Segment answered HTTP " + status;
        };
        return retryLater(batch, results, reason, answer.retryAfter());
    }

    private byte[] envelope(List<Encoded> batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_BATCH_BYTES / 4);
        out.writeBytes(OPEN);
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(batch.get(i).json());
        }
        out.writeBytes(("],\"sentAt\":\"" + clock.instant() + "\"}").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static boolean retryLater(List<Encoded> batch, Map<String, CdpDelivery> results, String reason,
            @Nullable Duration retryAfter) {
        batch.forEach(e -> results.put(e.messageId(), new CdpDelivery.RetryLater(reason, retryAfter)));
        return false;
    }

    private static boolean notSent(List<Encoded> batch, Map<String, CdpDelivery> results) {
        batch.forEach(e -> results.put(e.messageId(), new CdpDelivery.NotSent()));
        return false;
    }
}

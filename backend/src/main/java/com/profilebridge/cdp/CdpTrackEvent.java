package com.profilebridge.cdp;

import java.time.Instant;
import java.util.Map;

/**
 * An interaction outcome to record on a customer's profile.
 *
 * @param messageId stable per outcome and revision, so the CDP drops a resend
 */
public record CdpTrackEvent(
        String messageId, String userId, String event, Instant timestamp, Map<String, Object> properties) {

    public CdpTrackEvent {
        properties = Map.copyOf(properties);
    }
}

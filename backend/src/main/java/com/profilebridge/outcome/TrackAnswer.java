package com.profilebridge.outcome;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /v1/interactions/track} answers (202).
 *
 * @param status {@code accepted}, {@code duplicate} (already had it: nothing changes) or
 *     {@code unattributed} (kept; sent once a customer is linked to the interaction)
 * @param interactionId the interaction the update was filed under
 * @param revision the outbox revision the update went into (1 = the outcome, later = corrections)
 * @param sendsAfter when the settle window ends and the outcome is due for delivery
 */
public record TrackAnswer(
        String status,
        @JsonProperty("interaction_id") String interactionId,
        @Nullable Integer revision,
        @JsonProperty("sends_after") @Nullable Instant sendsAfter) {

    static TrackAnswer duplicate(String interactionId) {
        return new TrackAnswer("duplicate", interactionId, null, null);
    }
}

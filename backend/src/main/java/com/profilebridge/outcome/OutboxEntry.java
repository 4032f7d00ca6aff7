package com.profilebridge.outcome;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One outbox message as operators see it (dead letters, parked outcomes); no payload, no PII. */
public record OutboxEntry(
        String messageId,
        String interactionId,
        int revision,
        @Nullable String cdpUserId,
        String event,
        Instant eventTime,
        OutboxStatus status,
        int attempts,
        Instant availableAt,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant deliveredAt) {}

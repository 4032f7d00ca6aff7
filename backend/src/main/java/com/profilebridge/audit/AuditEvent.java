package com.profilebridge.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of the audit trail: who ({@code actor}) did what ({@code action}, e.g. {@code PROFILE_VIEW})
 * to which customer, when, through which channel and interaction.
 *
 * @param customer the customer's CDP user id; null on rows about no single customer (an unfiltered look at the trail)
 * @param correlationId the request that did it, as in the request log
 */
public record AuditEvent(long id, Instant occurredAt, String actor, @Nullable String organization, String action,
        @Nullable String customer, @Nullable String interactionId, String channel, @Nullable String correlationId) {}

package com.profilebridge.outcome;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One update of an interaction's outcome as a platform sent it, normalised and already masked.
 *
 * @param source {@code genesys} or {@code cxone} (from the shape), else the caller's name
 * @param kind what happened: {@code outcome} (the guide's shapes), {@code acw}, {@code customer.end}, ...
 * @param dedupeKey the same for every retry of this event
 * @param interactionId conversation / contact id; a synthetic one when only a user id was sent
 * @param userId the CDP user id the payload carried, if usable
 * @param eventTime when it happened at the source: updates are ordered by this, not by arrival
 * @param fields the outcome's properties for the CDP (unknown fields kept)
 */
record IncomingOutcome(
        String source,
        String kind,
        String dedupeKey,
        String interactionId,
        @Nullable String userId,
        Instant eventTime,
        Map<String, Object> fields) {}

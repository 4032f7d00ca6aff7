package com.profilebridge.outcome;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One update of an interaction's outcome as a platform sent it, normalised and already masked.
 *
 * @param source {@code genesys} or {@code cxone} (from the shape), else {@code other}
 * @param kind what happened: {@code outcome} (the guide's shapes), {@code acw}, {@code customer.end}, ...
 * @param dedupeKey the same for every retry of this event (intake stores it hashed with the caller)
 * @param retryWindowOnly the body has no id and no time of its own: the same body again is a retry
 *     only within the retry window, later it is a new update (disposition A, then B, then A again)
 * @param interactionId conversation / contact id; a synthetic one when only a user id was sent
 * @param userId the CDP user id the payload carried, if usable
 * @param eventTime when it happened at the source: updates are ordered by this, not by arrival
 * @param fields the outcome's allowlisted properties for the CDP, masked
 */
record IncomingOutcome(
        String source,
        String kind,
        String dedupeKey,
        boolean retryWindowOnly,
        String interactionId,
        @Nullable String userId,
        Instant eventTime,
        Map<String, Object> fields) {}

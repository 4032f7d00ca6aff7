package com.profilebridge.identity;

import java.time.Instant;

/**
 * A contact-center interaction (Genesys conversation, CXone contact) linked to a CDP user.
 *
 * @param source the platform the caller said it is ({@code genesys}, {@code cxone}), or the caller
 * @param organisation whose link this is (the recording caller's organisation): only callers of it
 *     can overwrite it or attribute outcomes with it
 * @param caller the authenticated integration that recorded it
 */
public record InteractionLink(String interactionId, String cdpUserId, double confidence, MatchType matchType,
        String source, Instant linkedAt, String organisation, String caller) {

    /** A link recorded by the caller named in {@code source}, in that caller's own organisation. */
    public InteractionLink(String interactionId, String cdpUserId, double confidence, MatchType matchType,
            String source, Instant linkedAt) {
        this(interactionId, cdpUserId, confidence, matchType, source, linkedAt, source, source);
    }
}

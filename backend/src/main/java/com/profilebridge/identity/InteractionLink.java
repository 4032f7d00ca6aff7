package com.profilebridge.identity;

import java.time.Instant;

/** A contact-center interaction (Genesys conversation, CXone contact) linked to a CDP user. */
public record InteractionLink(
        String interactionId, String cdpUserId, double confidence, MatchType matchType, String source, Instant linkedAt) {}

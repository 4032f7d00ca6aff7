package com.profilebridge.outcome;

/** A parked interaction's outcome messages, now due with this customer id. */
public record OutcomeAttributed(String interactionId, String cdpUserId, int messages) {}

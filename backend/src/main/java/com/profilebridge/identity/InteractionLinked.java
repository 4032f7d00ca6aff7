package com.profilebridge.identity;

/** Published after a link is stored, so parked outcomes for the interaction can be attributed. */
public record InteractionLinked(String interactionId, String cdpUserId) {}

package com.profilebridge.identity;

/** Published after a link is stored, so parked outcomes of that organisation's interaction can be attributed. */
public record InteractionLinked(String organisation, String interactionId, String cdpUserId) {}

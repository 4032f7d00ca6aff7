package com.profilebridge.agent;

/** What the platform answered when asked, with the agent's token, whether the agent is on an interaction. */
public enum Participation {
    /** The agent is, or recently was, a participant. */
    PARTICIPANT,
    /** The platform shows the interaction, and this agent is not (or long ago was) on it. */
    NOT_PARTICIPANT,
    /**
     * The platform refused to say (401, 403, 404): the token expired, lacks the permission to read
     * interactions, or the interaction is unknown to the platform (another organisation, too old).
     */
    UNCONFIRMED,
    /** The platform could not be asked (5xx, 429, timeout, an answer that is not the documented shape). */
    UNAVAILABLE
}

package com.profilebridge.agent;

/**
 * Asks a contact-center platform, with the agent's own token, whether the agent is (or recently was)
 * a participant of an interaction. One implementation per platform; never throws for a platform
 * fault, it answers {@link Participation#UNAVAILABLE}.
 */
public interface InteractionParticipation {

    /**
     * @param agent the agent the credential was validated as
     * @param interactionId a well-formed interaction id ({@link com.profilebridge.shared.InteractionId})
     */
    Participation check(AgentIdentity agent, AgentCredential credential, String interactionId);
}

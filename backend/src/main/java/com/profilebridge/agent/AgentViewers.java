package com.profilebridge.agent;

import com.profilebridge.profileview.InteractionGate;
import com.profilebridge.profileview.ProfileView.NotAllowed.Refusal;
import com.profilebridge.profileview.Viewer;
import java.util.Optional;

/**
 * The viewer an agent asks for profiles as, in the widget and through the proxy alike: free search if
 * {@link AgentAccess} grants it, else linked customers only, each behind the participant check
 * ({@link ParticipantChecks}) asked with the agent's own token when {@code bridge.agent.participant-check}
 * is {@code required}.
 */
public class AgentViewers {

    private final AgentAccess access;
    private final ParticipantChecks participants;

    public AgentViewers(AgentAccess access, ParticipantChecks participants) {
        this.access = access;
        this.participants = participants;
    }

    /**
     * @param credential the token the agent was validated with (the widget session's, the proxy request's)
     * @param channel {@code widget} or {@code proxy}
     */
    public Viewer viewer(AgentIdentity agent, AgentCredential credential, String channel) {
        boolean maySearch = access.maySearchFreely(agent);
        InteractionGate interactions = maySearch || participants.policy() == ParticipantChecks.Policy.OFF
                ? InteractionGate.OPEN
                : interactionId -> refusal(participants.check(agent, credential, interactionId));
        return Viewer.agent(agent.actor(), agent.organizationId(), channel, maySearch, interactions);
    }

    private static Optional<Refusal> refusal(Participation participation) {
        return switch (participation) {
            case PARTICIPANT -> Optional.empty();
            case NOT_PARTICIPANT -> Optional.of(Refusal.NOT_PARTICIPANT);
            case UNCONFIRMED -> Optional.of(Refusal.UNCONFIRMED);
            case UNAVAILABLE -> Optional.of(Refusal.PLATFORM_UNAVAILABLE);
        };
    }
}

package com.profilebridge.agent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.profilebridge.shared.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The participant check of {@code bridge.agent.participant-check}: before an agent without free search
 * sees the customer linked to an interaction, the agent's platform is asked, with the agent's own
 * token, whether the agent is (or recently was) on it. Answers are reused per agent and interaction
 * (the key is a SHA-256 of both, never the token): "participant" for {@code confirmed-ttl}, "not a
 * participant" and "the platform would not say" for {@code refused-ttl}, "platform unavailable" for
 * a few seconds, so a re-render, a Refresh or another widget polling the proxy does not ask again.
 * Concurrent questions for the same key share one platform call.
 */
public class ParticipantChecks {

    /** The operator's policy. */
    public enum Policy {
        /** Ask the platform; fail closed when it cannot be asked. */
        REQUIRED,
        /** Only the link decides (the behaviour before the check existed). */
        OFF
    }

    /** How long "the platform is unavailable" is reused: enough to spare a struggling platform, short enough to retry. */
    static final Duration UNAVAILABLE_TTL = Duration.ofSeconds(5);

    private final Policy policy;
    private final Map<AgentPlatform, InteractionParticipation> platforms;
    private final Cache<String, Participation> answers;

    ParticipantChecks(Policy policy, Map<AgentPlatform, InteractionParticipation> platforms,
            AgentProperties.ParticipationSettings settings, Clock clock) {
        this.policy = policy;
        this.platforms = Map.copyOf(platforms);
        Duration confirmed = settings.confirmedTtl();
        Duration refused = settings.refusedTtl();
        this.answers = Caffeine.newBuilder()
                .maximumSize(settings.cacheMaxEntries())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, Participation>creating((key, answer) -> switch (answer) {
                    case PARTICIPANT -> confirmed;
                    case NOT_PARTICIPANT, UNCONFIRMED -> refused;
                    case UNAVAILABLE -> UNAVAILABLE_TTL.compareTo(refused) < 0 ? UNAVAILABLE_TTL : refused;
                }))
                .build();
    }

    public Policy policy() {
        return policy;
    }

    /**
     * Whether the agent is on the interaction, from the platform or from a recent answer. Asked only
     * under {@link Policy#REQUIRED}; the caller decides whether the agent needs the check at all.
     */
    public Participation check(AgentIdentity agent, AgentCredential credential, String interactionId) {
        InteractionParticipation platform = platforms.get(agent.platform());
        if (platform == null || credential.platform() != agent.platform()) {
            return Participation.UNCONFIRMED;
        }
        String key = Sha256.hex(agent.actor(), agent.organizationId(), interactionId);
        return answers.get(key, k -> platform.check(agent, credential, interactionId));
    }
}

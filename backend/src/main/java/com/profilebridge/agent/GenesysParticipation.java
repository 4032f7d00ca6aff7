package com.profilebridge.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.profilebridge.shared.web.IdentityProviderRequests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks Genesys Cloud whether an agent is on a conversation, with the agent's own token:
 * {@code GET https://api.<env>/api/v2/conversations/{conversationId}} ("Get conversation", Platform API
 * Conversations; requires the permission {@code conversation:communication:view}, OAuth scope
 * {@code conversations} or {@code conversations:readonly}). It answers the {@code Conversation} model:
 * {@code participants[]}, each with {@code purpose} ({@code customer}, {@code ivr}, {@code acd},
 * {@code agent}, {@code user}, ...), {@code userId} ("if this participant represents a user") and
 * {@code endTime} (when the participant left; absent while connected); the conversation's own
 * {@code endTime} is "null when the conversation is still active", so ended conversations are still
 * answered. Sources: the Genesys Platform API client docs, {@code ConversationsApi.md#getConversation},
 * {@code Conversation.md}, {@code Participant.md} (MyPureCloud/platform-client-sdk-java, build/docs).
 *
 * <p>The agent is a participant when a participant with purpose {@code agent} or {@code user} carries
 * the agent's user id and is still connected or left less than {@code recentWindow} ago. 401/403/404
 * (expired token, no permission to view this conversation, unknown to this organisation or no longer
 * kept) are {@link Participation#UNCONFIRMED}; 429, 5xx, timeouts and bodies without participants are
 * {@link Participation#UNAVAILABLE}. Only allowlisted environments are contacted; redirects are never
 * followed; the token is never logged.
 */
final class GenesysParticipation implements InteractionParticipation {

    private static final Logger log = LoggerFactory.getLogger(GenesysParticipation.class);
    private static final Set<String> AGENT_PURPOSES = Set.of("agent", "user");

    private final GenesysEnvironments environments;
    private final RestClient http;
    private final Clock clock;
    private final Duration recentWindow;

    GenesysParticipation(AgentProperties.Genesys properties, RestClient.Builder builder, Clock clock,
            UnaryOperator<String> placeholders, Duration recentWindow) {
        this.environments = new GenesysEnvironments(properties.environments(), properties.apiBaseUrlTemplate(),
                placeholders);
        // redirects are never followed: the token goes to the allowlisted host only
        this.http = builder.clone()
                .requestFactory(IdentityProviderRequests.withTimeouts(properties.connectTimeout(), properties.readTimeout()))
                .build();
        this.clock = clock;
        this.recentWindow = recentWindow;
    }

    @Override
    public Participation check(AgentIdentity agent, AgentCredential credential, String interactionId) {
        Optional<String> environment = environments.allowed(credential.genesysEnvironment());
        if (agent.platform() != AgentPlatform.GENESYS || environment.isEmpty()) {
            return Participation.UNCONFIRMED; // never happens for a validated token; never sent elsewhere
        }
        String base;
        try {
            base = environments.baseUrl(environment.get());
        } catch (AgentPlatformUnavailable starting) {
            return Participation.UNAVAILABLE;
        }
        Conversation conversation;
        try {
            conversation = http.get().uri(base + "/api/v2/conversations/{conversationId}", interactionId)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + credential.token())
                    .retrieve().body(Conversation.class);
        } catch (HttpStatusCodeException e) {
            int status = e.getStatusCode().value();
            if (status == 401 || status == 403 || status == 404) {
                log.info("Genesys did not show conversation {} to {}: HTTP {}", interactionId, agent.actor(), status);
                return Participation.UNCONFIRMED;
            }
            log.warn("Genesys participant check failed: HTTP {} ({})", status, environment.get());
            return Participation.UNAVAILABLE;
        } catch (RestClientException e) {
            log.warn("Genesys participant check failed: {} ({})", e.getClass().getSimpleName(), environment.get());
            return Participation.UNAVAILABLE;
        }
        if (conversation == null || conversation.participants() == null) {
            log.warn("Genesys answered conversation {} without participants", interactionId);
            return Participation.UNAVAILABLE;
        }
        Instant since = clock.instant().minus(recentWindow);
        boolean on = conversation.participants().stream()
                .filter(p -> p.purpose() != null && AGENT_PURPOSES.contains(p.purpose().toLowerCase(Locale.ROOT)))
                .filter(p -> agent.agentId().equalsIgnoreCase(p.userId() == null ? "" : p.userId().strip()))
                .anyMatch(p -> p.endTime() == null || recent(GenesysTokenValidator.instant(p.endTime()), since));
        return on ? Participation.PARTICIPANT : Participation.NOT_PARTICIPANT;
    }

    /** An end time that cannot be read counts as long ago: fail closed. */
    private static boolean recent(@Nullable Instant endTime, Instant since) {
        return endTime != null && endTime.isAfter(since);
    }

    /** {@code GET /api/v2/conversations/{conversationId}}: the documented fields this needs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Conversation(@Nullable String id, @Nullable List<Participant> participants) {}

    /** One {@code participants[]} entry. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Participant(@Nullable String purpose, @Nullable String userId, @Nullable String endTime) {}
}

package com.profilebridge.agent;

import java.time.Instant;
import java.util.Locale;

/**
 * An agent whose platform token was validated.
 *
 * @param agentId the platform's user id (Genesys user id, CXone {@code userId})
 * @param agentName display name as the platform knows it
 * @param organizationId Genesys organisation id or CXone tenant id (on the configured allowlist)
 * @param expiresAt when the platform token expires (when the platform does not say: the end of the
 *     validation cache window)
 */
public record AgentIdentity(
        AgentPlatform platform, String agentId, String agentName, String organizationId, Instant expiresAt) {

    /** The actor recorded in the audit trail: {@code genesys:<id>} or {@code cxone:<id>}. */
    public String actor() {
        return platform.name().toLowerCase(Locale.ROOT) + ":" + agentId;
    }
}

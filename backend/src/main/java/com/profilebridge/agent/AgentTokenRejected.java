package com.profilebridge.agent;

import org.jspecify.annotations.Nullable;

/**
 * An agent token was refused: missing, malformed, forged, expired, revoked, or from an organisation,
 * tenant, issuer or environment that is not allowed. The message is safe to show to the agent and
 * never contains the token.
 */
public class AgentTokenRejected extends RuntimeException {

    private final AgentPlatform platform;
    private final @Nullable String foreignOrganisation;

    public AgentTokenRejected(AgentPlatform platform, String message) {
        this(platform, message, null);
    }

    /**
     * @param foreignOrganisation the organisation / tenant a valid token belongs to when that is what
     *     is not allowed: signing in again cannot help, an administrator must add it
     */
    public AgentTokenRejected(AgentPlatform platform, String message, @Nullable String foreignOrganisation) {
        super(message, null, false, false);
        this.platform = platform;
        this.foreignOrganisation = foreignOrganisation;
    }

    public AgentPlatform platform() {
        return platform;
    }

    /** The token's organisation when it is valid but its organisation is not allowed; else null. */
    public @Nullable String foreignOrganisation() {
        return foreignOrganisation;
    }
}

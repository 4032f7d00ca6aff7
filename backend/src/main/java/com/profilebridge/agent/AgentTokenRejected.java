package com.profilebridge.agent;

/**
 * An agent token was refused: missing, malformed, forged, expired, revoked, or from an organisation,
 * tenant, issuer or environment that is not allowed. The message is safe to show to the agent and
 * never contains the token.
 */
public class AgentTokenRejected extends RuntimeException {

    private final AgentPlatform platform;

    public AgentTokenRejected(AgentPlatform platform, String message) {
        super(message, null, false, false);
        this.platform = platform;
    }

    public AgentPlatform platform() {
        return platform;
    }
}

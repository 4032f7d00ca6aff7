package com.profilebridge.agent;

import org.jspecify.annotations.Nullable;

/**
 * The platform could not be asked whether a token is valid (Genesys 5xx, 429 or timeout, CXone
 * discovery or JWKS unreachable). Not a verdict on the token: show "Genesys unavailable" (or
 * "CXone unavailable") and let the agent retry; never treat the token as valid. The message is safe
 * to show and never contains the token.
 */
public class AgentPlatformUnavailable extends RuntimeException {

    private final AgentPlatform platform;

    public AgentPlatformUnavailable(AgentPlatform platform, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.platform = platform;
    }

    public AgentPlatform platform() {
        return platform;
    }
}

package com.profilebridge.agent;

import com.profilebridge.shared.Sha256;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The platform token an agent's desktop handed over, kept only for as long as the widget session
 * (in the server's memory) or the proxy request lives, so the platform can be asked with the agent's
 * own rights. Deliberately not {@link java.io.Serializable}: a persisted or replicated session
 * drops it rather than writing it anywhere. {@link #toString()} never shows the token.
 */
public final class AgentCredential {

    private final AgentPlatform platform;
    private final String token;
    private final @Nullable String genesysEnvironment;

    /**
     * @param token the token as validated by {@link AgentTokens#validate}
     * @param genesysEnvironment the environment the token was validated for (Genesys; ignored for CXone)
     */
    public AgentCredential(AgentPlatform platform, String token, @Nullable String genesysEnvironment) {
        this.platform = platform;
        this.token = token.strip();
        this.genesysEnvironment = platform == AgentPlatform.GENESYS ? genesysEnvironment : null;
    }

    public AgentPlatform platform() {
        return platform;
    }

    /** For the platform calls of this package only. */
    String token() {
        return token;
    }

    @Nullable String genesysEnvironment() {
        return genesysEnvironment;
    }

    @Override
    public String toString() {
        return "AgentCredential[" + platform.name().toLowerCase(Locale.ROOT) + ", sha256:"
                + Sha256.hex(token).substring(0, 8) + "]";
    }
}

package com.profilebridge.agent;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validates the token an agent's desktop (Genesys Cloud, NICE CXone) hands to a widget, and says
 * who the agent is. Used by the widget's session handshake and by the REST proxy.
 */
public class AgentTokens {

    /** Bearer token characters (RFC 6750 b64token, plus the dots of a JWT); anything else is refused unsent. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{8,8192}");

    private final GenesysTokenValidator genesys;
    private final CxoneTokenValidator cxone;

    AgentTokens(GenesysTokenValidator genesys, CxoneTokenValidator cxone) {
        this.genesys = genesys;
        this.cxone = cxone;
    }

    /**
     * @param genesysEnvironment the Genesys environment the desktop runs in ({@code mypurecloud.de},
     *     as in {@code gcTargetEnv}, or the host origin {@code https://apps.mypurecloud.de}); only
     *     environments on the allowlist are contacted; ignored for CXone
     * @throws AgentTokenRejected the token is missing, malformed, forged, expired, revoked, or from
     *     an organisation, tenant, issuer or environment that is not allowed
     * @throws AgentPlatformUnavailable the platform could not be asked (5xx, timeout, JWKS down):
     *     not a verdict on the token, show "Genesys unavailable" and let the agent retry
     */
    public AgentIdentity validate(AgentPlatform platform, @Nullable String token, @Nullable String genesysEnvironment) {
        String value = token == null ? "" : token.strip();
        if (!TOKEN.matcher(value).matches()) {
            throw new AgentTokenRejected(platform, "The agent token is missing or malformed.");
        }
        return switch (platform) {
            case GENESYS -> genesys.validate(value, genesysEnvironment);
            case CXONE -> cxone.validate(value);
        };
    }

    /**
     * The Genesys environments tokens may come from ({@code mypurecloud.de}, ...): the bridge pages
     * refuse to log in against any other, so a URL parameter never makes the browser contact another host.
     */
    public List<String> genesysEnvironments() {
        return genesys.environments();
    }

    /** True when the token looks like a JWT (three base64url parts): the CXone shape. */
    public static boolean looksLikeJwt(String token) {
        String[] parts = token.strip().split("\\.", -1);
        return parts.length == 3 && parts[0].startsWith("eyJ") && !parts[1].isEmpty();
    }
}

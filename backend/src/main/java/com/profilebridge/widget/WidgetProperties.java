package com.profilebridge.widget;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agent widget ({@code bridge.widget.*}). Origins may contain {@code ${local.server.port}}: it is
 * resolved per request, so the demo works on whatever port the server got.
 *
 * @param frameAncestors origins allowed to frame the widget besides the BFF itself
 *     ({@code https://apps.mypurecloud.de}, the CXone agent origin); nothing is allowed by default,
 *     not even the Genesys {@code apps.<env>} hosts of the environment allowlist: operators list the
 *     desktops their agents use
 * @param refreshInterval an agent may bypass the cache (Refresh) at most once per this interval
 * @param profileBudget how long the widget waits for the CDP before showing cached data or an error
 * @param genesys the Genesys login the bridge page starts in its popup
 * @param cxone the CXone login the bridge page starts in its popup, and the MAX origins it listens to
 */
@ConfigurationProperties("bridge.widget")
public record WidgetProperties(
        @DefaultValue List<String> frameAncestors,
        @DefaultValue("10s") Duration refreshInterval,
        @DefaultValue("3s") Duration profileBudget,
        @DefaultValue Genesys genesys,
        @DefaultValue Cxone cxone) {

    /**
     * @param clientId the Genesys OAuth client (implicit grant or PKCE) whose redirect URI is
     *     {@code https://<bff>/embed/genesys/oauth-callback.html}
     */
    public record Genesys(@Nullable String clientId) {}

    /**
     * @param issuer the CXone OIDC issuer the login popup goes to (discovery gives its endpoints)
     * @param clientId the CXone OAuth client (authorization code + PKCE)
     * @param maxOrigins origins of the MAX agent application whose {@code postMessage} events the
     *     bridge page accepts; messages from any other origin are ignored
     */
    public record Cxone(
            @DefaultValue("https://cxone.niceincontact.com") String issuer,
            @Nullable String clientId,
            @DefaultValue List<String> maxOrigins) {}
}

package com.profilebridge.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The organisation's identity provider for the supervisor console ({@code bridge.console.oidc.*};
 * docs/console/login.md shows Entra ID, Okta, Keycloak and Google set-ups). Console sign-in is off
 * while {@code issuer-uri} is blank (the demo profile starts its own provider instead).
 *
 * @param issuerUri the OIDC issuer; discovery is read from {@code <issuer>/.well-known/openid-configuration}
 *     at the first sign-in, not at start-up
 * @param clientId the console's client id at the provider
 * @param clientSecret its secret; blank for a public client (PKCE is used either way)
 * @param scopes requested scopes; {@code openid} is always added
 * @param userNameClaim the claim shown as the user's name and written to the audit trail ({@code sub}
 *     when a token lacks it)
 * @param rolesClaim the claim carrying the user's groups: a list or a space-separated string; a
 *     dotted path ({@code realm_access.roles}) reaches into nested claims when no claim has that name
 * @param roleMapping which provider groups grant which console role
 * @param displayName the provider's name on the sign-in button ("Sign in with ..."); blank for
 *     "your organisation's account"
 * @param redirectUri where the provider sends the browser back; {@code {baseUrl}} is this server as
 *     the browser reached it (behind a TLS proxy, forward its headers: {@code server.forward-headers-strategy})
 * @param connectTimeout connect timeout of discovery, token, user-info and key requests
 * @param readTimeout read timeout of those requests
 */
@ConfigurationProperties("bridge.console.oidc")
record ConsoleOidcProperties(
        @DefaultValue("") String issuerUri,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
        @DefaultValue("preferred_username") String userNameClaim,
        @DefaultValue("groups") String rolesClaim,
        @DefaultValue RoleMapping roleMapping,
        @DefaultValue("") String displayName,
        @DefaultValue("{baseUrl}/login/oauth2/code/{registrationId}") String redirectUri,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {

    /**
     * Provider groups per console role. Keyed by role, not by group, so that every group name can be
     * given as an environment variable (Entra ID object ids, Keycloak paths such as
     * {@code /support/leads}, names with spaces): {@code BRIDGE_CONSOLE_OIDC_ROLEMAPPING_ADMIN=a,b}.
     *
     * @param supervisor groups whose members get {@code SUPERVISOR} (read: search, audit, operations)
     * @param admin groups whose members get {@code ADMIN}, and with it {@code SUPERVISOR}
     */
    record RoleMapping(@DefaultValue List<String> supervisor, @DefaultValue List<String> admin) {}
}

package com.profilebridge.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * Agent token validation, the profile proxy and the demo identity endpoints ({@code bridge.agent.*}).
 * URLs and issuers may contain {@code ${local.server.port}}: it is resolved when a token is
 * validated, so the demo endpoints can be reached on whatever port the server got.
 *
 * @param genesys Genesys Cloud opaque tokens
 * @param cxone NICE CXone JWTs
 * @param proxy the REST proxy for other widgets
 * @param demo the demo identity endpoints (only served with {@code bridge.demo.identity-endpoints=true})
 * @param access which customers agents may look up ({@link AgentAccess}); env {@code BRIDGE_AGENT_ACCESS}
 * @param freeSearchAgents agents ({@code genesys:<id>}, {@code cxone:<id>}) who may search freely under
 *     {@code linked-only}; env {@code BRIDGE_AGENT_FREESEARCHAGENTS}
 * @param participantCheck under {@code linked-only}, whether the platform is asked (with the agent's own
 *     token) that the agent is on the interaction before its linked customer is shown
 *     ({@link ParticipantChecks}); env {@code BRIDGE_AGENT_PARTICIPANTCHECK}
 * @param participation how long the platform's answers are reused, and what "recently" means
 */
@ConfigurationProperties("bridge.agent")
record AgentProperties(
        @DefaultValue Genesys genesys, @DefaultValue Cxone cxone, @DefaultValue Proxy proxy, @DefaultValue Demo demo,
        @DefaultValue("linked-only") AgentAccess.Policy access, @DefaultValue List<String> freeSearchAgents,
        @DefaultValue("required") ParticipantChecks.Policy participantCheck,
        @DefaultValue ParticipationSettings participation) {

    /**
     * @param environments Genesys environments whose API may be asked; a host from a request is never
     *     contacted unless its environment is listed here
     * @param apiBaseUrlTemplate the API base for an environment; {@code {env}} is replaced by its name
     * @param organizationIds organisations whose agents are accepted; empty = every token is rejected
     * @param cacheTtl how long a successful validation is reused (never past the token's expiry)
     * @param cacheMaxEntries at most this many validations are cached
     * @param connectTimeout connect timeout of the calls to Genesys
     * @param readTimeout read timeout of the calls to Genesys
     * @param oauthClientIds OAuth clients ({@code tokens/me} {@code OAuthClient.id}) whose tokens are
     *     accepted: the bridge pages' login client and other trusted widgets; empty = every token is
     *     rejected. Env {@code BRIDGE_AGENT_GENESYS_OAUTHCLIENTIDS}
     */
    record Genesys(
            @DefaultValue({"mypurecloud.com", "usw2.pure.cloud", "use2.us-gov-pure.cloud", "cac1.pure.cloud",
                    "sae1.pure.cloud", "mypurecloud.ie", "euw2.pure.cloud", "mypurecloud.de", "euc2.pure.cloud",
                    "aps1.pure.cloud", "mypurecloud.jp", "apne2.pure.cloud", "apne3.pure.cloud",
                    "mypurecloud.com.au", "mec1.pure.cloud"}) List<String> environments,
            @DefaultValue("https://api.{env}") String apiBaseUrlTemplate,
            @DefaultValue List<String> organizationIds,
            @DefaultValue("60s") Duration cacheTtl,
            @DefaultValue("10000") int cacheMaxEntries,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("3s") Duration readTimeout,
            @DefaultValue List<String> oauthClientIds) {}

    /**
     * @param issuers OIDC issuers whose tokens are accepted (exact match with the {@code iss} claim)
     * @param jwkSetUris issuer to its JWKS URI, for issuers without discovery (otherwise
     *     {@code {issuer}/.well-known/openid-configuration} gives {@code jwks_uri})
     * @param tenantIds CXone tenants whose agents are accepted ({@code tenantId} claim); empty = every
     *     token is rejected
     * @param audience the {@code aud} value a token must carry (the bridge's own CXone application);
     *     the {@code prod} profile refuses to start without it while tenants are allowed
     * @param algorithms accepted signature algorithms
     * @param clockSkew tolerance for {@code exp} and {@code nbf}
     * @param connectTimeout connect timeout of discovery, JWKS and contact API requests
     * @param readTimeout read timeout of discovery, JWKS and contact API requests
     * @param apiEndpoint the tenant's API host ({@code https://api-<area>.niceincontact.com}) for the
     *     participant check; empty: asked of {@code {issuer}/.well-known/cxone-configuration?tenantId=}
     *     ({@code api_endpoint}). Env {@code BRIDGE_AGENT_CXONE_APIENDPOINT}
     * @param apiVersion the version segment of the contact APIs ({@code /incontactapi/services/<version>/...})
     */
    record Cxone(
            @DefaultValue("https://cxone.niceincontact.com") List<String> issuers,
            @DefaultValue Map<String, String> jwkSetUris,
            @DefaultValue List<String> tenantIds,
            @Nullable String audience,
            @DefaultValue("RS256") Set<SignatureAlgorithm> algorithms,
            @DefaultValue("30s") Duration clockSkew,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("3s") Duration readTimeout,
            @Nullable String apiEndpoint,
            @DefaultValue("v27.0") String apiVersion) {}

    /**
     * @param confirmedTtl how long "is a participant" is reused for the same agent and interaction
     *     (the widget re-reads, Refresh, other widgets polling the proxy)
     * @param refusedTtl how long "not a participant" and "the platform would not say" are reused
     *     (shorter: a transfer to this agent should show soon)
     * @param recentWindow an agent whose part in the interaction ended longer ago than this is no
     *     longer a participant (Genesys participant {@code endTime}; CXone completed contacts since)
     * @param cacheMaxEntries at most this many answers are kept
     */
    record ParticipationSettings(
            @DefaultValue("3m") Duration confirmedTtl,
            @DefaultValue("30s") Duration refusedTtl,
            @DefaultValue("1h") Duration recentWindow,
            @DefaultValue("10000") int cacheMaxEntries) {}

    /**
     * @param budget how long the proxy waits for the CDP before answering from the cache or 503
     */
    record Proxy(@DefaultValue("3s") Duration budget) {}

    /**
     * @param baseUrl where this server reaches its own demo identity endpoints; the demo CXone
     *     issuer is {@code <base-url>/__demo/cxone}
     * @param tokenTtl lifetime of the demo tokens
     */
    record Demo(
            @DefaultValue("http://127.0.0.1:${local.server.port}") String baseUrl,
            @DefaultValue("8h") Duration tokenTtl) {}
}

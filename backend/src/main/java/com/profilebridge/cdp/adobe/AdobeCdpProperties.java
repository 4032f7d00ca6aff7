package com.profilebridge.cdp.adobe;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Adobe Experience Platform ({@code cdp.provider=adobe}). Every setting has an environment form
 * ({@code cdp.adobe.client-secret} -> {@code CDP_ADOBE_CLIENT_SECRET}).
 *
 * @param clientId the IMS OAuth server-to-server credential's client id; also the {@code x-api-key}
 * @param clientSecret its secret; never logged
 * @param orgId the IMS organisation ({@code x-gw-ims-org-id}, {@code ...@AdobeOrg})
 * @param sandboxName {@code x-sandbox-name}; required because AEP silently answers from the
 *     production sandbox when the header is missing
 * @param imsUrl the IMS host (token at {@code /ims/token/v3})
 * @param scopes the scopes the credential was granted
 * @param platformUrl the Platform gateway (Profile Access API under {@code /data/core/ups})
 * @param inletUrl the streaming collection host ({@code /collection/batch/{connectionId}})
 * @param crmNamespace the identity namespace whose id is the CDP user id; empty: the entity id
 * @param emailNamespace namespace of e-mail lookups
 * @param phoneNamespaces namespaces tried in order for a phone (E.164) until one knows it
 * @param mergePolicyId merge policy of the lookups; empty: the organisation's default
 * @param tenantId the organisation's tenant id (without the underscore): custom XDM fields live
 *     under {@code _<tenantId>}; the trait paths starting with {@code _tenant.} and the outcome
 *     events use it
 * @param connectTimeout TCP connect timeout of every call
 * @param readTimeout response timeout of every call; keep it below the resolve budget
 * @param traits which XDM path holds which product field
 * @param events how outcomes become XDM ExperienceEvents
 * @param limits our own request-rate and concurrency limits, below AEP's
 */
@ConfigurationProperties("cdp.adobe")
record AdobeCdpProperties(
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable String orgId,
        @Nullable String sandboxName,
        @DefaultValue("https://ims-na1.adobelogin.com") URI imsUrl,
        @DefaultValue("openid,AdobeID,read_organizations,additional_info.projectedProductContext,session")
                List<String> scopes,
        @DefaultValue("https://platform.adobe.io") URI platformUrl,
        @DefaultValue("https://dcs.adobedc.net") URI inletUrl,
        @DefaultValue("CRMID") String crmNamespace,
        @DefaultValue("Email") String emailNamespace,
        @DefaultValue({"Phone_E.164", "Phone"}) List<String> phoneNamespaces,
        @Nullable String mergePolicyId,
        @Nullable String tenantId,
        @DefaultValue("300ms") Duration connectTimeout,
        @DefaultValue("1000ms") Duration readTimeout,
        @DefaultValue Traits traits,
        @DefaultValue Events events,
        @DefaultValue Limits limits) {

    /** Never prints the client secret (a bound record may end up in a log or an actuator page). */
    @Override
    public String toString() {
        return "AdobeCdpProperties[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "null" : "******")
                + ", orgId=" + orgId + ", sandboxName=" + sandboxName + ", platformUrl=" + platformUrl
                + ", inletUrl=" + inletUrl + ", imsUrl=" + imsUrl + "]";
    }

    /** The tenant namespace field ({@code _acme}), or null when no tenant id is configured. */
    @Nullable
    String tenantField() {
        return tenantId == null || tenantId.isBlank() ? null : "_" + tenantId.strip().replaceFirst("^_", "");
    }

    /**
     * Dot paths into the merged XDM profile ({@code entity}); a path starting with
     * {@code _tenant.} is read under the organisation's tenant namespace ({@code _<tenantId>.}).
     *
     * @param name full name; when absent, {@code firstName} and {@code lastName} are joined
     * @param attributes extra product attributes (name -> XDM path), shown masked by the masking policy
     */
    record Traits(
            @DefaultValue("person.name.fullName") String name,
            @DefaultValue("person.name.firstName") String firstName,
            @DefaultValue("person.name.lastName") String lastName,
            @DefaultValue("personalEmail.address") String email,
            @DefaultValue("mobilePhone.number") String phone,
            @DefaultValue("loyalty.tier") String tier,
            @DefaultValue("_tenant.lifetimeValue") String lifetimeValue,
            @DefaultValue("consents.marketing.preferred") String preferredChannel,
            @DefaultValue("_tenant.sentimentScore") String sentimentScore,
            @DefaultValue Map<String, String> attributes) {}

    /**
     * @param connectionId the HTTP API streaming connection (inlet) id
     * @param datasetId the ExperienceEvent dataset the inlet writes to
     * @param schemaId the dataset's schema ({@code https://ns.adobe.com/<tenant>/schemas/<id>})
     * @param schemaVersion its version in the {@code contentType}
         * @param propertiesField the field under the tenant namespace that holds the outcome's properties
     * @param maxBatchEvents messages per streaming request (the worker's chunk)
     * @param maxBatchBytes request size cap; AEP refuses requests over 1 MB with 413
     */
    record Events(
            @Nullable String connectionId,
            @Nullable String datasetId,
            @Nullable String schemaId,
            @DefaultValue("1") String schemaVersion,
            @DefaultValue("interactionOutcome") String propertiesField,
            @DefaultValue("100") int maxBatchEvents,
            @DefaultValue("900000") int maxBatchBytes) {}

    /**
     * Enforced here, before AEP enforces its own.
     *
     * @param lookupsPerSecond Profile Access calls per second per instance
     * @param maxConcurrentLookups Profile Access calls in flight per instance
     * @param lookupWait longest wait for a lookup permit before the call counts as throttled
     * @param batchesPerSecond streaming requests per second per instance
     */
    record Limits(
            @DefaultValue("50") int lookupsPerSecond,
            @DefaultValue("20") int maxConcurrentLookups,
            @DefaultValue("100ms") Duration lookupWait,
            @DefaultValue("20") int batchesPerSecond) {}
}

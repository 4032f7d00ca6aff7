package com.profilebridge.cdp.salesforce;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Salesforce Data Cloud ({@code cdp.provider=salesforce}); every property has the env form
 * {@code CDP_SALESFORCE_...} (docs/cdp/salesforce.md).
 *
 * @param loginUrl where the first OAuth leg goes ({@code /services/oauth2/token}): My Domain,
 *     {@code https://login.salesforce.com} or {@code https://test.salesforce.com}
 * @param tenantScheme the scheme put before the exchange's bare-host {@code instance_url}
 * @param tokenRefreshSkew how long before its expiry a Data Cloud token is replaced
 */
@ConfigurationProperties("cdp.salesforce")
record SalesforceProperties(
        @DefaultValue("https://login.salesforce.com") URI loginUrl,
        @DefaultValue Auth auth,
        @DefaultValue("https") String tenantScheme,
        @DefaultValue("300ms") Duration connectTimeout,
        @DefaultValue("1000ms") Duration readTimeout,
        @DefaultValue("60s") Duration tokenRefreshSkew,
        @DefaultValue Lookup lookup,
        @DefaultValue Mapping mapping,
        @DefaultValue Ingest ingest,
        @DefaultValue Limits limits) {

    /**
     * The service account.
     *
     * @param grant {@code client-credentials} (client id and secret) or {@code jwt-bearer} (client id,
     *     user name and the PKCS#8 PEM private key of the connected app's certificate)
     * @param audience the JWT bearer assertion's {@code aud}; blank means the login URL
     */
    record Auth(
            @DefaultValue("client-credentials") String grant,
            @Nullable String clientId,
            @Nullable String clientSecret,
            @Nullable String username,
            @Nullable String privateKey,
            @Nullable String audience,
            @DefaultValue("3m") Duration assertionLifetime) {

        @Override
        public String toString() {
            return "Auth[grant=" + grant + ", clientId=" + (clientId == null ? "unset" : "set") + "]";
        }
    }

    /**
     * Where the Profile API finds people: contact points by value, their party (source individual),
     * the unified individual it belongs to.
     *
     * @param linkObject the unified link DMO from source individual to unified individual; its name
     *     carries the org's identity ruleset ({@code UnifiedLinkssotIndividualIr01__dlm}), so there is
     *     no default; {@code none} when the contact point's party id already is the profile id
     * @param maxMatches the most people one phone or e-mail is resolved to (households)
     */
    record Lookup(
            @DefaultValue("UnifiedIndividual__dlm") String profileObject,
            @DefaultValue("ssot__Id__c") String profileIdField,
            @DefaultValue("ssot__ContactPointPhone__dlm") String phoneObject,
            @DefaultValue("ssot__FormattedE164PhoneNumber__c") String phoneField,
            @DefaultValue("ssot__ContactPointEmail__dlm") String emailObject,
            @DefaultValue("ssot__EmailAddress__c") String emailField,
            @DefaultValue("ssot__PartyId__c") String partyField,
            @Nullable String linkObject,
            @DefaultValue("SourceRecordId__c") String linkSourceField,
            @DefaultValue("UnifiedRecordId__c") String linkUnifiedField,
            @DefaultValue("5") int maxMatches) {

        /** Whether contact points lead to people through a link DMO. */
        boolean linked() {
            return linkObject != null && !linkObject.isBlank() && !linkObject.strip().equals("none");
        }
    }

    /**
     * Which field of the profile object feeds which field of the product's profile; blank means
     * "not mapped" (the field is then not requested).
     *
     * @param attributes further fields shown as attributes (masked downstream like every profile)
     */
    record Mapping(
            @DefaultValue("ssot__FirstName__c") String firstName,
            @DefaultValue("ssot__LastName__c") String lastName,
            @DefaultValue("") String email,
            @DefaultValue("") String phone,
            @DefaultValue("Tier__c") String tier,
            @DefaultValue("LifetimeValue__c") String lifetimeValue,
            @DefaultValue("PreferredChannel__c") String preferredChannel,
            @DefaultValue("SentimentScore__c") String sentiment,
            @DefaultValue("ssot__LastModifiedDate__c") String updatedAt,
            @Nullable List<String> attributes) {

        Mapping {
            attributes = attributes == null ? List.of() : List.copyOf(attributes);
        }
    }

    /**
     * The Ingestion API source the outcomes go to.
     *
     * @param connector the Ingestion API connector (source) name; required to publish
     * @param object the object of the connector's schema (docs/cdp/salesforce.md has the schema)
     * @param maxRecords the most records in one request
     * @param maxRequestBytes the largest request body; Salesforce takes less than 200 KB
     */
    record Ingest(
            @Nullable String connector,
            @DefaultValue("interaction_outcome") String object,
            @DefaultValue("200") int maxRecords,
            @DefaultValue("200000") int maxRequestBytes,
            @DefaultValue("5s") Duration readTimeout) {}

    /**
     * Our side of Salesforce's limits.
     *
     * @param maxConcurrentQueries concurrent Profile API calls from this instance (Salesforce: 15)
     * @param queryWait how long a lookup waits for a free slot before it counts as an outage
     * @param ingestRequestsPerSecond Ingestion API requests per second from this instance
     * @param ingestPermitWait how long a delivery waits for a request permit
     */
    record Limits(
            @DefaultValue("15") int maxConcurrentQueries,
            @DefaultValue("100ms") Duration queryWait,
            @DefaultValue("20") int ingestRequestsPerSecond,
            @DefaultValue("1s") Duration ingestPermitWait) {}
}

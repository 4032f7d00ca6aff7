package com.profilebridge.cdp.salesforce;

import com.profilebridge.cdp.vendor.VendorHttp;
import com.profilebridge.limiter.Limiter;
import com.profilebridge.limiter.Limiters;
import com.profilebridge.limiter.Rate;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Selected by {@code cdp.provider=salesforce}; refuses to start without the settings it needs. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cdp.provider", havingValue = "salesforce")
@EnableConfigurationProperties(SalesforceProperties.class)
class SalesforceCdpConfiguration {

    /** Data Cloud object and field API names: letters, digits, underscores. */
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    @Bean
    SalesforceCdpClient salesforceCdpClient(SalesforceProperties properties, JsonMapper json,
            RestClient.Builder builder, ObjectProvider<Clock> clocks,
            ObjectProvider<BulkheadRegistry> bulkheads, ObjectProvider<RateLimiterRegistry> rateLimiters,
            Limiters limiters) {
        return create(properties, json, builder, clocks.getIfAvailable(Clock::systemUTC),
                bulkheads.getIfAvailable(BulkheadRegistry::ofDefaults),
                rateLimiters.getIfAvailable(RateLimiterRegistry::ofDefaults), limiters);
    }

    /** The client with its limits in this instance's memory (tests: one instance, no Redis). */
    static SalesforceCdpClient create(SalesforceProperties properties, JsonMapper json, RestClient.Builder builder,
            Clock clock, BulkheadRegistry bulkheadRegistry, RateLimiterRegistry rateRegistry) {
        return create(properties, json, builder, clock, bulkheadRegistry, rateRegistry, Limiters.inMemory());
    }

    /**
     * The client for these settings; its bulkhead and rate limiter are registered for metrics. The
     * ingestion rate is one budget per org (its login host and connected app) for all instances when
     * limits are shared, the registry's limiter being this instance's fallback at its share.
     */
    static SalesforceCdpClient create(SalesforceProperties properties, JsonMapper json, RestClient.Builder builder,
            Clock clock, BulkheadRegistry bulkheadRegistry, RateLimiterRegistry rateRegistry, Limiters limiters) {
        validate(properties);
        // Virtual threads for the client's own work, as the generic HTTP adapter does.
        Executor executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client = VendorHttp.client(properties.connectTimeout(), executor);
        JdkClientHttpRequestFactory lookups = VendorHttp.requests(client, executor, properties.readTimeout());
        // ingestion runs in the delivery worker, off the resolve path: it may wait longer
        JdkClientHttpRequestFactory ingestion = VendorHttp.requests(client, executor, properties.ingest().readTimeout());
        RestClient http = builder.clone().requestFactory(lookups).build();
        RestClient ingestHttp = builder.clone().requestFactory(ingestion).build();
        DataCloudTokens tokens = new DataCloudTokens(
                SalesforceOAuth.tokenSource(properties, ingestion, clock), properties.loginUrl(),
                builder.clone().requestFactory(ingestion).build(), json, clock, properties.tokenRefreshSkew(),
                properties.tenantScheme());
        SalesforceProperties.Limits limits = properties.limits();
        BulkheadConfig bulkheadConfig = BulkheadConfig.custom()
                .maxConcurrentCalls(limits.maxConcurrentQueries())
                .maxWaitDuration(limits.queryWait())
                .build();
        Rate ingestRate = new Rate(limits.ingestRequestsPerSecond(), Duration.ofSeconds(1));
        Bulkhead queries = bulkheadRegistry.bulkhead("cdp-salesforce-queries", bulkheadConfig);
        Limiter.Budget ingest = limiters.shared("cdp-salesforce-ingestion", ingestRate, limits.ingestPermitWait(),
                rateRegistry).budget(properties.loginUrl() + " " + properties.auth().clientId());
        return new SalesforceCdpClient(tokens, http, ingestHttp, json, properties, queries, ingest, clock);
    }

    /** Fails at start-up, naming the env variable, rather than at the first caller. */
    static void validate(SalesforceProperties properties) {
        SalesforceProperties.Auth auth = properties.auth();
        require(auth.clientId(), "cdp.salesforce.auth.client-id (env CDP_SALESFORCE_AUTH_CLIENT_ID)");
        switch (auth.grant()) {
            case "client-credentials" -> require(auth.clientSecret(),
                    "cdp.salesforce.auth.client-secret (env CDP_SALESFORCE_AUTH_CLIENT_SECRET)");
            case "jwt-bearer" -> {
                require(auth.username(), "cdp.salesforce.auth.username (env CDP_SALESFORCE_AUTH_USERNAME)");
                require(auth.privateKey(), "cdp.salesforce.auth.private-key (env CDP_SALESFORCE_AUTH_PRIVATE_KEY)");
            }
            default -> throw new IllegalStateException(
                    "cdp.salesforce.auth.grant must be client-credentials or jwt-bearer, not " + auth.grant());
        }
        require(properties.ingest().connector(),
                "cdp.salesforce.ingest.connector (env CDP_SALESFORCE_INGEST_CONNECTOR)");
        SalesforceProperties.Lookup lookup = properties.lookup();
        for (String name : new String[] {lookup.profileObject(), lookup.profileIdField(), lookup.phoneObject(),
                lookup.phoneField(), lookup.emailObject(), lookup.emailField(), lookup.partyField(),
                properties.ingest().object()}) {
            apiName(name);
        }
        require(lookup.linkObject(), "cdp.salesforce.lookup.link-object (env CDP_SALESFORCE_LOOKUP_LINK_OBJECT): "
                + "the org's unified link DMO, e.g. UnifiedLinkssotIndividualIr01__dlm, or none");
        if (lookup.linked()) {
            apiName(String.valueOf(lookup.linkObject()));
            apiName(lookup.linkSourceField());
            apiName(lookup.linkUnifiedField());
        }
        var fields = SalesforceCdpClient.profileFields(properties);
        fields.forEach(SalesforceCdpConfiguration::apiName);
        if (fields.size() > 50) {
            throw new IllegalStateException("the Profile API returns at most 50 fields; cdp.salesforce.mapping asks for "
                    + fields.size());
        }
        if (lookup.maxMatches() < 1 || properties.ingest().maxRecords() < 1
                || properties.limits().maxConcurrentQueries() < 1 || properties.limits().ingestRequestsPerSecond() < 1) {
            throw new IllegalStateException("cdp.salesforce limits and batch sizes must be at least 1");
        }
        if (properties.ingest().maxRequestBytes() > 200_000) {
            throw new IllegalStateException("cdp.salesforce.ingest.max-request-bytes: the Ingestion API takes less than 200 KB");
        }
    }

    private static void require(@Nullable String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("cdp.provider=salesforce needs " + what);
        }
    }

    private static void apiName(String name) {
        if (!API_NAME.matcher(name.strip()).matches()) {
            throw new IllegalStateException("cdp.salesforce: '" + name + "' is no Data Cloud API name");
        }
    }
}

package com.profilebridge.cdp.adobe;

import com.profilebridge.cdp.vendor.VendorHttp;
import com.profilebridge.limiter.Limiters;
import com.profilebridge.limiter.Rate;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Selected by {@code cdp.provider=adobe}; refuses to start without the settings AEP needs. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cdp.provider", havingValue = "adobe")
@EnableConfigurationProperties(AdobeCdpProperties.class)
class AdobeCdpConfiguration {

    @Bean
    AdobeCdpClient adobeCdpClient(AdobeCdpProperties properties, JsonMapper json, RestClient.Builder builder,
            Clock clock, ObjectProvider<RateLimiterRegistry> rateLimiters, ObjectProvider<BulkheadRegistry> bulkheads,
            Limiters limiters) {
        return client(properties, json, builder, clock, rateLimiters.getIfAvailable(RateLimiterRegistry::ofDefaults),
                bulkheads.getIfAvailable(BulkheadRegistry::ofDefaults), limiters);
    }

    /** The adapter with its limits in this instance's memory (tests: one instance, no Redis). */
    static AdobeCdpClient client(AdobeCdpProperties properties, JsonMapper json, RestClient.Builder builder,
            Clock clock, RateLimiterRegistry rateRegistry, BulkheadRegistry bulkheadRegistry) {
        return client(properties, json, builder, clock, rateRegistry, bulkheadRegistry, Limiters.inMemory());
    }

    /**
     * The adapter with its HTTP client, token cache and limits; checks the settings first. The rates
     * are per sandbox (org and sandbox name): one budget for all instances when limits are shared,
     * the registry's limiters being this instance's fallback at its share.
     */
    static AdobeCdpClient client(AdobeCdpProperties properties, JsonMapper json, RestClient.Builder builder,
            Clock clock, RateLimiterRegistry rateRegistry, BulkheadRegistry bulkheadRegistry, Limiters limiters) {
        requireSettings(properties);
        Executor executor = Executors.newVirtualThreadPerTaskExecutor();
        JdkClientHttpRequestFactory requests = VendorHttp.requests(
                VendorHttp.client(properties.connectTimeout(), executor), executor, properties.readTimeout());
        ImsTokens tokens = new ImsTokens(properties.imsUrl().toString(), properties.clientId(),
                properties.clientSecret(), properties.scopes(), requests, clock);

        AdobeCdpProperties.Limits limits = properties.limits();
        String sandbox = properties.orgId() + "/" + properties.sandboxName();
        Rate lookups = new Rate(limits.lookupsPerSecond(), Duration.ofSeconds(1));
        BulkheadConfig lookupConcurrency = BulkheadConfig.custom()
                .maxConcurrentCalls(limits.maxConcurrentLookups())
                .maxWaitDuration(limits.lookupWait())
                .build();
        // the delivery worker runs in the background: it may wait a little for a permit
        Duration publishWait = Duration.ofSeconds(1);
        Rate batches = new Rate(limits.batchesPerSecond(), Duration.ofSeconds(1));
        return new AdobeCdpClient(builder.clone().requestFactory(requests).build(), json, tokens, properties, clock,
                limiters.shared("cdp-adobe-lookups", lookups, limits.lookupWait(), rateRegistry).budget(sandbox),
                bulkheadRegistry.bulkhead("cdp-adobe-lookups", lookupConcurrency),
                limiters.shared("cdp-adobe-events", batches, publishWait, rateRegistry).budget(sandbox));
    }

    /** Fails fast, naming the environment variable of every missing setting. */
    static void requireSettings(AdobeCdpProperties p) {
        List<String> missing = new ArrayList<>();
        require(missing, p.clientId(), "CDP_ADOBE_CLIENTID");
        require(missing, p.clientSecret(), "CDP_ADOBE_CLIENTSECRET");
        require(missing, p.orgId(), "CDP_ADOBE_ORGID");
        // without x-sandbox-name AEP silently reads and writes the production sandbox
        require(missing, p.sandboxName(), "CDP_ADOBE_SANDBOXNAME");
        require(missing, p.tenantId(), "CDP_ADOBE_TENANTID");
        require(missing, p.crmNamespace(), "CDP_ADOBE_CRMNAMESPACE");
        require(missing, p.events().connectionId(), "CDP_ADOBE_EVENTS_CONNECTIONID");
        require(missing, p.events().datasetId(), "CDP_ADOBE_EVENTS_DATASETID");
        require(missing, p.events().schemaId(), "CDP_ADOBE_EVENTS_SCHEMAID");
        if (!missing.isEmpty()) {
            throw new IllegalStateException("cdp.provider=adobe needs " + String.join(", ", missing));
        }
        if (p.phoneNamespaces().isEmpty()) {
            throw new IllegalStateException("cdp.adobe.phone-namespaces (CDP_ADOBE_PHONENAMESPACES) must name a namespace");
        }
        if (p.limits().lookupsPerSecond() < 1 || p.limits().maxConcurrentLookups() < 1
                || p.limits().batchesPerSecond() < 1) {
            throw new IllegalStateException("cdp.adobe.limits.* must be at least 1");
        }
        if (p.events().maxBatchBytes() > 1_000_000) {
            throw new IllegalStateException("cdp.adobe.events.max-batch-bytes must stay below AEP's 1 MB request limit");
        }
    }

    private static void require(List<String> missing, @Nullable String value, String env) {
        if (value == null || value.isBlank()) {
            missing.add(env);
        }
    }
}

package com.profilebridge.cdp.segment;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Selected by {@code cdp.provider=segment}; refuses to start without the space id, the access
 * token and the write key, naming the env variable that is missing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cdp.provider", havingValue = "segment")
@EnableConfigurationProperties(SegmentProperties.class)
class SegmentConfiguration {

    static final String RATE_LIMITER = "cdp-segment-profiles";
    static final String BULKHEAD = "cdp-segment-profiles";

    @Bean
    SegmentCdpClient segmentCdpClient(SegmentProperties properties, JsonMapper json, Clock clock,
            ObjectProvider<RateLimiterRegistry> rateLimiters, ObjectProvider<BulkheadRegistry> bulkheads,
            Limiters limiters) {
        return create(properties, json, clock, rateLimiters.getIfAvailable(RateLimiterRegistry::ofDefaults),
                bulkheads.getIfAvailable(BulkheadRegistry::ofDefaults), limiters);
    }

    /** The adapter with its limits in this instance's memory (tests: one instance, no Redis). */
    static SegmentCdpClient create(SegmentProperties properties, JsonMapper json, Clock clock,
            RateLimiterRegistry rateLimiters, BulkheadRegistry bulkheads) {
        return create(properties, json, clock, rateLimiters, bulkheads, Limiters.inMemory());
    }

    /**
     * Builds the adapter; also what the backend tests use, so they run the production wiring. Its
     * virtual-thread executor is no bean: an {@code Executor} bean would switch off Boot's own task
     * executor. The client closes it ({@code close()} is Spring's inferred destroy method). The
     * Profile API rate is one budget per space for all instances when limits are shared; the
     * registry's limiter is this instance's fallback, at its share of the rate.
     */
    static SegmentCdpClient create(SegmentProperties properties, JsonMapper json, Clock clock,
            RateLimiterRegistry rateLimiters, BulkheadRegistry bulkheads, Limiters limiters) {
        if (properties.spaceId() == null || properties.spaceId().isBlank()) {
            throw new IllegalStateException("cdp.provider=segment needs cdp.segment.space-id (env CDP_SEGMENT_SPACE_ID)");
        }
        SegmentCredential token = SegmentCredential.of(
                "cdp.segment.access-token (env CDP_SEGMENT_ACCESS_TOKEN) or cdp.segment.access-token-file",
                properties.accessToken(), properties.accessTokenFile());
        SegmentCredential writeKey = SegmentCredential.of(
                "cdp.segment.write-key (env CDP_SEGMENT_WRITE_KEY) or cdp.segment.write-key-file",
                properties.writeKey(), properties.writeKeyFile());
        if (properties.maxBatchEvents() < 1 || properties.maxBatchEvents() > SegmentTracking.MAX_BATCH_EVENTS) {
            throw new IllegalStateException("cdp.segment.max-batch-events must be 1..2500 (Segment drops larger batches)");
        }
        SegmentProperties.Limits limits = properties.limits();
        if (limits.profileRequestsPerSecond() < 1 || limits.profileConcurrency() < 1) {
            throw new IllegalStateException(
                    "cdp.segment.limits.profile-requests-per-second and profile-concurrency must be >= 1");
        }
        Rate rate = new Rate(limits.profileRequestsPerSecond(), Duration.ofSeconds(1));
        Limiter.Budget limiter = limiters.shared(RATE_LIMITER, rate, limits.profileRateWait(), rateLimiters)
                .budget(properties.spaceId());
        Bulkhead bulkhead = bulkheads.bulkhead(BULKHEAD, BulkheadConfig.custom()
                .maxConcurrentCalls(limits.profileConcurrency())
                .maxWaitDuration(Duration.ZERO)
                .build());
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client = VendorHttp.client(properties.connectTimeout(), executor);
        SegmentHttp http = new SegmentHttp(client, clock);
        return new SegmentCdpClient(
                new SegmentProfiles(http, token, json, limiter, bulkhead, executor, properties),
                new SegmentTracking(http, writeKey, json, clock, properties.trackingBase(), properties.publishTimeout(),
                        properties.maxBatchEvents()),
                executor);
    }
}

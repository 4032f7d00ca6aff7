package com.profilebridge.ratelimit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    /** Right after the edge checks (+5): before any token is checked or body parsed. */
    static final int BULKHEAD_ORDER = Ordered.HIGHEST_PRECEDENCE + 6;
    /** Right behind Spring Security's filter chain: the caller is known, no controller has run. */
    static final int LIMITS_ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1;

    @Bean
    static RateLimits rateLimits(RateLimitProperties properties, Clock clock, MeterRegistry meters) {
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        long keys = properties.maxKeys();
        return new RateLimits(properties.enabled(),
                new KeyedLimiter("integration", properties.integration(), keys, ticker, meters),
                new KeyedLimiter("agent", properties.agent(), keys, ticker, meters),
                new KeyedLimiter("agent-refresh", properties.agentRefresh(), keys, ticker, meters),
                new KeyedLimiter("token-validation", properties.tokenValidation(), keys, ticker, meters),
                new KeyedLimiter("negative-entries", properties.negativeEntries(), keys, ticker, meters),
                new ClientAddresses(properties.trustedProxies()));
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimits limits) {
        var registration = new FilterRegistrationBean<>(new RateLimitFilter(limits));
        registration.setOrder(LIMITS_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setEnabled(limits.enabled());
        return registration;
    }

    @Bean
    FilterRegistrationBean<AgentBulkheadFilter> agentBulkheadFilter(RateLimitProperties properties) {
        Bulkhead bulkhead = Bulkhead.of("agents", BulkheadConfig.custom()
                .maxConcurrentCalls(properties.agentConcurrency())
                .maxWaitDuration(Duration.ZERO)
                .build());
        var registration = new FilterRegistrationBean<>(new AgentBulkheadFilter(bulkhead));
        registration.setOrder(BULKHEAD_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setEnabled(properties.enabled());
        return registration;
    }
}

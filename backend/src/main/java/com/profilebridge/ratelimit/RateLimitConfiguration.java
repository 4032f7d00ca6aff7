package com.profilebridge.ratelimit;

import com.profilebridge.limiter.Limiter;
import com.profilebridge.limiter.Limiters;
import com.profilebridge.ratelimit.RateLimitProperties.Limit;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
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
    static RateLimits rateLimits(RateLimitProperties properties, Limiters limiters) {
        return new RateLimits(properties.enabled(),
                limiter(limiters, "integration", properties.integration(), properties.maxKeys()),
                limiter(limiters, "agent", properties.agent(), properties.maxKeys()),
                limiter(limiters, "agent-refresh", properties.agentRefresh(), properties.maxKeys()),
                limiter(limiters, "token-validation", properties.tokenValidation(), properties.maxKeys()),
                limiter(limiters, "negative-entries", properties.negativeEntries(), properties.maxKeys()),
                new ClientAddresses(properties.trustedProxies()));
    }

    /** A shared limit falls back to (and without Redis is) the instance's own limiter of the same figure. */
    private static Limiter limiter(Limiters limiters, String name, @Nullable Limit limit, long maxKeys) {
        Limit given = Objects.requireNonNull(limit);
        Limiter local = limiters.local(name, given.rate(), maxKeys);
        return given.shared() ? limiters.shared(name, given.rate(), Duration.ZERO, local) : local;
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

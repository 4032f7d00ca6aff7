package com.profilebridge.limiter;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One Resilience4j rate limiter per key (caller, agent, address), created on first use and held in
 * a bounded Caffeine cache: a flood of new keys pushes out idle ones (which then start afresh) but
 * never grows memory. A limiter idle for two periods is full again anyway, so forgetting it changes
 * nothing. Time comes from the injected ticker, so tests never sleep.
 */
final class LocalLimiter implements Limiter {

    private final LoadingCache<String, AtomicRateLimiter> limiters;
    private final Counter refused;

    LocalLimiter(String name, Rate rate, long maxKeys, Ticker ticker, MeterRegistry meters) {
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(rate.limit())
                .limitRefreshPeriod(rate.period())
                .timeoutDuration(Duration.ZERO)
                .build();
        Supplier<Long> nanoTime = ticker::read;
        this.limiters = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(rate.period().multipliedBy(2))
                .ticker(ticker)
                .build(key -> new AtomicRateLimiter(name, config, nanoTime));
        this.refused = Limiters.refusals(meters, name);
    }

    @Override
    public Duration acquire(String key) {
        AtomicRateLimiter limiter = limiters.get(key);
        if (limiter.acquirePermission()) {
            return Duration.ZERO;
        }
        refused.increment();
        return Duration.ofNanos(Math.max(1, limiter.getDetailedMetrics().getNanosToWait()));
    }
}

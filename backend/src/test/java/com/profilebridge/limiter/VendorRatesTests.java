package com.profilebridge.limiter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A vendor's rate without Redis: the registered Resilience4j limiter decides alone, with the whole rate. */
class VendorRatesTests {

    @Test
    void aVendorRateIsRegisteredForItsMetricsAndGrantsTheWholeRateWithoutRedis() {
        RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();

        Limiter.Budget budget = Limiters.inMemory()
                .shared("cdp-vendor-calls", new Rate(2, Duration.ofMinutes(1)), Duration.ZERO, registry)
                .budget("space-1");

        RateLimiterConfig registered = registry.rateLimiter("cdp-vendor-calls").getRateLimiterConfig();
        assertThat(registered.getLimitForPeriod()).isEqualTo(2);
        assertThat(registered.getLimitRefreshPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(registered.getTimeoutDuration()).isZero();
        assertThat(budget.acquire()).isZero();
        assertThat(budget.acquire()).isZero();
        assertThat(budget.acquire()).as("the third call in the minute waits").isPositive();
    }
}

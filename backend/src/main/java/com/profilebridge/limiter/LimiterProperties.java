package com.profilebridge.limiter;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits shared by all instances through Redis ({@code bridge.rate-limit.shared.*}).
 *
 * @param enabled share limits through Redis; unset: whenever the Redis cache is on
 *     ({@code bridge.cache.redis.enabled}, as under {@code prod})
 * @param keyPrefix prefix of every limiter key, so several deployments can share one Redis
 * @param timeout the longest a request waits for Redis's decision before its instance decides alone
 * @param expectedInstances how many instances share the vendors' limits: while Redis is unreachable
 *     each takes this share of a vendor's limit (request limits fall back to the whole limit)
 */
@ConfigurationProperties("bridge.rate-limit.shared")
record LimiterProperties(
        @Nullable Boolean enabled,
        @DefaultValue("pb:rl:") String keyPrefix,
        @DefaultValue("25ms") Duration timeout,
        @DefaultValue("1") int expectedInstances) {

    LimiterProperties {
        if (timeout.isNegative() || timeout.isZero() || expectedInstances < 1) {
            throw new IllegalArgumentException(
                    "bridge.rate-limit.shared.timeout must be positive and expected-instances at least 1");
        }
    }
}

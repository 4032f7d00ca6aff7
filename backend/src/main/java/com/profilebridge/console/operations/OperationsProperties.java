package com.profilebridge.console.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operations page ({@code bridge.operations.*}).
 *
 * @param sampleInterval how often this instance samples its meters and the outbox figures (one
 *     aggregate query of the outbox per sample)
 * @param window how much history is kept in memory: {@code window / sampleInterval} samples
 * @param transitionsKept how many CDP breaker transitions are kept
 * @param instanceName how the page names this instance; empty: the host name ({@code HOSTNAME},
 *     the pod name on Kubernetes) and the process id
 * @param redisKeyPrefix where the shared history lives in Redis when the Redis cache is on; empty:
 *     derived from {@code bridge.cache.redis.key-prefix} ({@code pb:profile:} gives
 *     {@code pb:operations:}), so deployments that share one Redis under different cache prefixes
 *     do not see each other's instances
 */
@ConfigurationProperties("bridge.operations")
record OperationsProperties(
        @DefaultValue("10s") Duration sampleInterval,
        @DefaultValue("1h") Duration window,
        @DefaultValue("50") int transitionsKept,
        @DefaultValue("") String instanceName,
        @DefaultValue("") String redisKeyPrefix) {

    /** More than a day of 10 s samples is not what this in-memory history is for. */
    static final int MAX_SAMPLES = 10_000;

    @ConstructorBinding
    OperationsProperties {
        if (sampleInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("bridge.operations.sample-interval must be at least 1s, not " + sampleInterval);
        }
        if (window.compareTo(sampleInterval) < 0 || window.toMillis() / sampleInterval.toMillis() > MAX_SAMPLES) {
            throw new IllegalArgumentException("bridge.operations.window must hold 1 to " + MAX_SAMPLES
                    + " samples of bridge.operations.sample-interval");
        }
        if (transitionsKept < 1 || transitionsKept > 1000) {
            throw new IllegalArgumentException("bridge.operations.transitions-kept must be 1..1000");
        }
    }

    /** The settings with the defaults, as tests build them. */
    OperationsProperties(Duration sampleInterval, Duration window, int transitionsKept, String instanceName) {
        this(sampleInterval, window, transitionsKept, instanceName, "");
    }

    /** The Redis key prefix of the shared history, next to the profile cache's own. */
    String redisKeyPrefix(String cachePrefix) {
        if (!redisKeyPrefix.isBlank()) {
            return redisKeyPrefix.strip();
        }
        return cachePrefix.endsWith("profile:")
                ? cachePrefix.substring(0, cachePrefix.length() - "profile:".length()) + "operations:"
                : cachePrefix + "operations:";
    }

    /** How many samples the window holds. */
    int samples() {
        return (int) (window.toMillis() / sampleInterval.toMillis());
    }
}

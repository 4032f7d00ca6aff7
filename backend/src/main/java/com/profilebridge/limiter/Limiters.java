package com.profilebridge.limiter;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Builds the limiters: in this instance's memory, or shared by all instances through Redis when the
 * application runs with Redis (as under {@code prod}). The one bean every limit comes from.
 */
public final class Limiters {

    private final Clock clock;
    private final MeterRegistry meters;
    private final @Nullable Redis redis;
    private final int expectedInstances;

    /** The Redis side of shared limiters. */
    record Redis(RedisGcra gcra, LimiterKeys keys, CircuitBreaker breaker, RedisOutage outage) {}

    Limiters(Clock clock, MeterRegistry meters, @Nullable Redis redis, int expectedInstances) {
        if (expectedInstances < 1) {
            throw new IllegalArgumentException("bridge.rate-limit.shared.expected-instances must be at least 1");
        }
        this.clock = clock;
        this.meters = meters;
        this.redis = redis;
        this.expectedInstances = expectedInstances;
    }

    /** Every limiter in memory: the embedded default, and code run without the application context. */
    public static Limiters inMemory(Clock clock, MeterRegistry meters) {
        return new Limiters(clock, meters, null, 1);
    }

    /**
     * Shared limiters through Redis over the application's Lettuce connection; each decision waits
     * at most {@code timeout} and {@code breaker} stops asking a Redis that keeps failing. Keys are
     * {@code keyPrefix} plus HMACs under a key derived from {@code keySecret}.
     */
    public static Limiters redis(LettuceConnectionFactory connections, String keyPrefix, String keySecret,
            Duration timeout, int expectedInstances, CircuitBreaker breaker, Clock clock, MeterRegistry meters) {
        return new Limiters(clock, meters, new Redis(new RedisGcra(connections, timeout),
                new LimiterKeys(keyPrefix, keySecret), breaker, new RedisOutage(clock)), expectedInstances);
    }

    /** Every limiter in memory, on the system clock, counting into a registry of its own. */
    public static Limiters inMemory() {
        return inMemory(Clock.systemUTC(), new SimpleMeterRegistry());
    }

    /** A limit per key held in this instance's memory only, for at most {@code maxKeys} keys at once. */
    public Limiter local(String name, Rate rate, long maxKeys) {
        return new LocalLimiter(name, rate, maxKeys, ticker(), meters);
    }

    /**
     * A limit per key that all instances share through Redis, when it is on; otherwise {@code local}
     * itself. While Redis cannot decide, {@code local} does.
     *
     * @param longestWait how long a caller may wait for a permit Redis grants ahead of time (zero:
     *     granted now or refused)
     */
    public Limiter shared(String name, Rate rate, Duration longestWait, Limiter local) {
        Redis shared = redis;
        return shared == null ? local
                : new SharedLimiter(name, rate, longestWait, local, shared.gcra(), shared.keys(), shared.breaker(),
                        shared.outage(), ticker(), meters);
    }

    /**
     * A vendor's rate as one budget: shared through Redis when it is on, with a Resilience4j limiter
     * registered under the same name (so its metrics are published) as this instance's fallback at
     * its {@linkplain #localShare share}.
     *
     * @param longestWait how long a caller may wait for a permit, from Redis or the fallback
     */
    public Limiter shared(String name, Rate rate, Duration longestWait, RateLimiterRegistry registry) {
        RateLimiter local = registry.rateLimiter(name, RateLimiterConfig.custom()
                .limitForPeriod(localShare(rate.limit()))
                .limitRefreshPeriod(rate.period())
                .timeoutDuration(longestWait)
                .build());
        return shared(name, rate, longestWait, of(local));
    }

    /** Whether {@link #shared} limits go through Redis. */
    public boolean sharedThroughRedis() {
        return redis != null;
    }

    /**
     * What one instance may use of a vendor's limit when it decides alone (Redis unreachable): the
     * whole limit when limits are not shared (one instance, or no Redis), else an even share among
     * {@code bridge.rate-limit.shared.expected-instances}, so that all of them together stay under it.
     */
    public int localShare(int limit) {
        return redis == null ? limit : Math.max(1, limit / expectedInstances);
    }

    /** A Resilience4j limiter as a {@link Limiter} (one budget: the key is not used). */
    public static Limiter of(RateLimiter limiter) {
        return key -> {
            if (limiter.acquirePermission()) {
                return Duration.ZERO;
            }
            return limiter instanceof AtomicRateLimiter atomic
                    ? Duration.ofNanos(Math.max(1, atomic.getDetailedMetrics().getNanosToWait()))
                    : limiter.getRateLimiterConfig().getLimitRefreshPeriod();
        };
    }

    /** Connects to Redis and loads the script, so the first request does not pay for it. */
    void warmUp(Duration patience) {
        Redis shared = redis;
        if (shared != null) {
            shared.gcra().load(patience);
        }
    }

    private Ticker ticker() {
        return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }

    static Counter refusals(MeterRegistry meters, String name) {
        return meters.counter("bridge.ratelimit.refused", "limit", name);
    }
}

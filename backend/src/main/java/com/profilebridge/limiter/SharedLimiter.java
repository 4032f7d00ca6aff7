package com.profilebridge.limiter;

import com.profilebridge.limiter.RedisGcra.RedisUnavailable;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A limit all instances share through Redis ({@link RedisGcra}); whenever Redis cannot decide (down,
 * slower than its timeout, or its breaker open after such failures) this instance's own limiter
 * decides, so a Redis outage never refuses or delays a request by more than one timeout.
 */
final class SharedLimiter implements Limiter {

    private final String name;
    private final long interval;
    private final long tolerance;
    private final long longestWait;
    private final Limiter local;
    private final RedisGcra redis;
    private final LimiterKeys keys;
    private final CircuitBreaker breaker;
    private final RedisOutage outage;
    private final Counter refused;
    private final Counter fallbacks;

    SharedLimiter(String name, Rate rate, Duration longestWait, Limiter local, RedisGcra redis, LimiterKeys keys,
            CircuitBreaker breaker, RedisOutage outage, MeterRegistry meters) {
        this.name = name;
        long period = TimeUnit.NANOSECONDS.toMicros(rate.period().toNanos());
        // rounded up: never more than the rate
        this.interval = Math.max(1, (period + rate.limit() - 1) / rate.limit());
        this.tolerance = interval * (rate.limit() - 1);
        this.longestWait = TimeUnit.NANOSECONDS.toMicros(longestWait.toNanos());
        this.local = local;
        this.redis = redis;
        this.keys = keys;
        this.breaker = breaker;
        this.outage = outage;
        this.refused = Limiters.refusals(meters, name);
        this.fallbacks = meters.counter("bridge.ratelimit.fallback", "limit", name);
    }

    @Override
    public Duration acquire(String key) {
        if (breaker.tryAcquirePermission()) {
            long start = System.nanoTime();
            try {
                RedisGcra.Answer answer = redis.decide(keys.of(name, key), interval, tolerance, longestWait);
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return decided(answer);
            } catch (RedisUnavailable e) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                outage.noticed(name, e);
            }
        }
        fallbacks.increment();
        return local.acquire(key);
    }

    private Duration decided(RedisGcra.Answer answer) {
        if (!answer.granted()) {
            refused.increment();
            return Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(Math.max(1, answer.micros())));
        }
        return answer.micros() == 0 || waited(answer.micros()) ? Duration.ZERO
                : Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(answer.micros()));
    }

    /**
     * Waits for a permit Redis granted ahead of time (only limits built with a wait, the vendors'),
     * as Resilience4j's limiter parks for a reserved one; false when interrupted.
     */
    private static boolean waited(long micros) {
        long deadline = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(micros);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }
}

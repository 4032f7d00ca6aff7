package com.profilebridge.limiter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.profilebridge.limiter.RedisGcra.RedisUnavailable;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A limit all instances share through Redis ({@link RedisGcra}); whenever Redis cannot decide (down,
 * slower than its timeout, or its breaker open after such failures) this instance's own limiter
 * decides, so a Redis outage never refuses or delays a request by more than one timeout.
 *
 * <p>What keeps Redis off most requests of a limit without a wait (the request limits):
 * <ul>
 *   <li>a lease: the instance takes up to 1 % of the limit from Redis at a time and spends it
 *       locally for at most one period (one thread refills, others meanwhile take single permits),
 *       so the integration limit's 50,000/s costs one round trip per 500 requests. Permits leased
 *       and not spent are lost: with N instances a key may be refused up to N % early, never late.
 *   <li>a refusal is remembered until the next permit is due, as Redis said: a flood over the limit
 *       costs one round trip per key and {@code Retry-After}, not one per request.
 * </ul>
 * Limits with a wait (the vendors') ask Redis for every permit: they are exact.
 */
final class SharedLimiter implements Limiter {

    /** Keys whose lease or refusal is remembered at most; the rest simply ask Redis. */
    private static final long MAX_KEYS = 100_000;
    private static final int LEASE_SHARE = 100;

    private final String name;
    private final long interval;
    private final long tolerance;
    private final long longestWait;
    private final int lease;
    private final Limiter local;
    private final RedisGcra redis;
    private final LimiterKeys keys;
    private final CircuitBreaker breaker;
    private final RedisOutage outage;
    private final Ticker ticker;
    private final @Nullable Cache<String, Held> held;
    private final Counter refused;
    private final Counter fallbacks;

    SharedLimiter(String name, Rate rate, Duration longestWait, Limiter local, RedisGcra redis, LimiterKeys keys,
            CircuitBreaker breaker, RedisOutage outage, Ticker ticker, MeterRegistry meters) {
        this.name = name;
        long period = TimeUnit.NANOSECONDS.toMicros(rate.period().toNanos());
        // rounded up: never more than the rate
        this.interval = Math.max(1, (period + rate.limit() - 1) / rate.limit());
        this.tolerance = interval * (rate.limit() - 1);
        this.longestWait = TimeUnit.NANOSECONDS.toMicros(longestWait.toNanos());
        this.lease = longestWait.isZero() ? Math.max(1, rate.limit() / LEASE_SHARE) : 1;
        this.local = local;
        this.redis = redis;
        this.keys = keys;
        this.breaker = breaker;
        this.outage = outage;
        this.ticker = ticker;
        this.held = longestWait.isZero()
                ? Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(rate.period()).ticker(ticker).build()
                : null;
        this.refused = Limiters.refusals(meters, name);
        this.fallbacks = meters.counter("bridge.ratelimit.fallback", "limit", name);
    }

    @Override
    public Duration acquire(String key) {
        Held state = held == null ? null : held.get(key, k -> new Held());
        if (state != null) {
            long now = ticker.read();
            if (now < state.refusedUntil) {
                refused.increment();
                return Duration.ofNanos(state.refusedUntil - now);
            }
            if (state.take()) {
                return Duration.ZERO;
            }
        }
        boolean refilling = state != null && lease > 1 && state.refilling.compareAndSet(false, true);
        try {
            if (breaker.tryAcquirePermission()) {
                long start = System.nanoTime();
                try {
                    RedisGcra.Answer answer = redis.decide(keys.of(name, key), interval, tolerance, longestWait,
                            refilling ? lease : 1);
                    breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    return decided(answer, state);
                } catch (RedisUnavailable e) {
                    breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                    outage.noticed(name, e);
                }
            }
        } finally {
            if (refilling) {
                state.refilling.set(false);
            }
        }
        fallbacks.increment();
        return local.acquire(key);
    }

    private Duration decided(RedisGcra.Answer answer, @Nullable Held state) {
        Duration wait = Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(Math.max(0, answer.micros())));
        if (answer.granted() == 0) {
            refused.increment();
            if (state != null) {
                state.refusedUntil = ticker.read() + wait.toNanos();
            }
            return wait.isZero() ? Duration.ofNanos(1) : wait;
        }
        if (state != null && answer.granted() > 1) {
            state.left.addAndGet(answer.granted() - 1);
        }
        return wait.isZero() || waited(wait) ? Duration.ZERO : wait;
    }

    /**
     * Waits for a permit Redis reserved ahead of time (only limits built with a wait, the vendors'),
     * as Resilience4j's limiter parks for a reserved one; false when interrupted. Real time: the wait
     * was measured on Redis's clock.
     */
    private static boolean waited(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    /** One key's leased permits and remembered refusal; forgotten a period after it was made. */
    private static final class Held {

        final AtomicInteger left = new AtomicInteger();
        final AtomicBoolean refilling = new AtomicBoolean();
        volatile long refusedUntil;

        boolean take() {
            for (int n = left.get(); n > 0; n = left.get()) {
                if (left.compareAndSet(n, n - 1)) {
                    return true;
                }
            }
            return false;
        }
    }
}

package com.profilebridge.profile;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis L2 holding fresh and stale entries (already masked) for all instances, under keys that are
 * HMACs of the identifier ({@link CacheKeys}), never the phone number or e-mail address itself. Every read is
 * bounded by the Lettuce command timeout (100 ms in {@code prod}) and by a breaker of its own, so
 * a slow or dead Redis costs the IVR path at most one timeout before it degrades to L1 only.
 * Writes happen on virtual threads and never hold a caller.
 */
class RedisProfileStore implements SharedProfileStore {

    private static final Logger log = LoggerFactory.getLogger(RedisProfileStore.class);
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String prefix;
    private final CacheKeys keys;
    private final CircuitBreaker breaker;
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();

    RedisProfileStore(StringRedisTemplate redis, JsonMapper json, String prefix, CacheKeys keys,
            CircuitBreaker breaker) {
        this.redis = redis;
        this.json = json;
        this.prefix = prefix;
        this.keys = keys;
        this.breaker = breaker;
    }

    /**
     * Opens the connection before the instance reports ready: the first connection on a cold JVM
     * takes seconds, which must not land on an IVR call. Failure here is only logged; the store
     * degrades to L1 and Lettuce keeps reconnecting in the background.
     */
    @EventListener(ApplicationStartedEvent.class)
    void warmUp() {
        try {
            redis.hasKey(prefix + "warm-up");
            log.info("Redis L2 connected");
        } catch (RuntimeException e) {
            log.warn("Redis L2 not reachable at start-up; serving from L1 until it is: {}", e.toString());
        }
    }

    @Override
    public Optional<CachedMatches> get(String key) {
        if (!breaker.tryAcquirePermission()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        try {
            String value = redis.opsForValue().get(prefix + keys.of(key));
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return value == null ? Optional.empty() : Optional.of(json.readValue(value, CachedMatches.class));
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            log.debug("Redis read failed; serving from L1 only: {}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, CachedMatches entry, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || !breaker.tryAcquirePermission()) {
            return;
        }
        breaker.releasePermission();
        String redisKey = prefix + keys.of(key);
        writers.execute(() -> {
            try {
                redis.opsForValue().set(redisKey, json.writeValueAsString(entry), ttl);
            } catch (RuntimeException e) {
                log.debug("Redis write failed: {}", e.toString());
            }
        });
    }

    @Override
    public String describe() {
        return "redis (" + breaker.getState() + ")";
    }
}

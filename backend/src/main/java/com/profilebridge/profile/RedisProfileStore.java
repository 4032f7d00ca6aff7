package com.profilebridge.profile;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
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
    private static final int SCAN_BATCH = 200;
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

    /**
     * The Redis keys of the entries stored under these cache keys or holding a profile of one of
     * these users. Keys are HMACs, so entries of a user are found by their values: the whole prefix
     * is scanned ({@code SCAN}, {@code MGET} in batches, never {@code KEYS}), which costs one pass
     * over the shared cache; for an erasure, not for the IVR path. Not guarded by the breaker: an
     * erasure must fail loudly rather than skip a dead Redis.
     */
    Set<String> keysMatching(Collection<String> cacheKeys, Collection<String> userIds) {
        Set<String> found = new LinkedHashSet<>();
        for (String cacheKey : cacheKeys) {
            String redisKey = prefix + keys.of(cacheKey);
            if (Boolean.TRUE.equals(redis.hasKey(redisKey))) {
                found.add(redisKey);
            }
        }
        if (userIds.isEmpty()) {
            return found;
        }
        // a value names its users as JSON strings: a cheap text test before parsing the few that may match
        List<String> quoted = userIds.stream().map(json::writeValueAsString).toList();
        ScanOptions options = ScanOptions.scanOptions().match(globEscaped(prefix) + "*").count(SCAN_BATCH).build();
        List<String> batch = new ArrayList<>(SCAN_BATCH);
        try (Cursor<String> cursor = redis.scan(options)) {
            while (cursor.hasNext()) {
                batch.add(cursor.next());
                if (batch.size() == SCAN_BATCH) {
                    collectHolding(batch, userIds, quoted, found);
                    batch.clear();
                }
            }
        }
        collectHolding(batch, userIds, quoted, found);
        return found;
    }

    /** Deletes these Redis keys; returns how many existed. */
    long delete(Collection<String> redisKeys) {
        if (redisKeys.isEmpty()) {
            return 0;
        }
        Long deleted = redis.delete(redisKeys);
        return deleted == null ? 0 : deleted;
    }

    /** The HMAC a cache key is stored under (without the prefix). */
    String digest(String cacheKey) {
        return keys.of(cacheKey);
    }

    String prefix() {
        return prefix;
    }

    private void collectHolding(List<String> batch, Collection<String> userIds, List<String> quoted, Set<String> found) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> values = redis.opsForValue().multiGet(batch);
        for (int i = 0; values != null && i < batch.size(); i++) {
            String value = values.get(i);
            if (value != null && quoted.stream().anyMatch(value::contains)
                    && json.readValue(value, CachedMatches.class).profiles().stream()
                            .anyMatch(p -> userIds.contains(p.userId()))) {
                found.add(batch.get(i));
            }
        }
    }

    private static String globEscaped(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    @Override
    public String describe() {
        return "redis (" + breaker.getState() + ")";
    }
}

package com.profilebridge.profile;

import com.github.benmanes.caffeine.cache.Cache;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpUnavailable;
import com.profilebridge.masking.MaskedProfile;
import com.profilebridge.masking.PiiMasker;
import com.profilebridge.shared.Deadline;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads profiles for one identifier through the cache, within a deadline.
 *
 * <ul>
 *   <li>younger than the fresh TTL: served from cache ({@code CACHED});
 *   <li>older: served at once ({@code STALE}) while one background refresh per key runs;
 *   <li>missing: one CDP call per key however many callers wait (single flight), each caller
 *       waiting only until its own deadline, then falling back to stale data or nothing.
 * </ul>
 *
 * CDP calls go through the CDP's circuit breaker; while it is open no call is made (except the
 * breaker's half-open probes) and answers come from the cache at once.
 *
 * <p>"Nobody matched" answers are kept for {@code bridge.cache.negative-ttl} only, and only within
 * the caller's {@link NegativeEntryQuota}: the identifiers are the caller's choice.
 */
public class ProfileService {

    private static final Logger log = LoggerFactory.getLogger(ProfileService.class);

    private final CdpClient cdp;
    private final PiiMasker masker;
    private final Cache<String, CachedMatches> local;
    private final SharedProfileStore shared;
    private final CircuitBreaker breaker;
    private final NegativeEntryQuota negativeQuota;
    private final Clock clock;
    private final ProfileCacheProperties properties;
    private final Map<String, CompletableFuture<CachedMatches>> inflight = new ConcurrentHashMap<>();
    private final ExecutorService loaders = Executors.newVirtualThreadPerTaskExecutor();
    private final Counter hits;
    private final Counter stale;
    private final Counter misses;
    private final Timer cdpSuccess;
    private final Timer cdpFailure;
    private final Counter cdpRejected;
    private final Counter negativeRefused;
    private volatile Duration freshTtl;

    ProfileService(
            CdpClient cdp,
            PiiMasker masker,
            Cache<String, CachedMatches> local,
            SharedProfileStore shared,
            CircuitBreaker breaker,
            NegativeEntryQuota negativeQuota,
            Clock clock,
            ProfileCacheProperties properties,
            MeterRegistry meters) {
        this.cdp = cdp;
        this.masker = masker;
        this.local = local;
        this.shared = shared;
        this.breaker = breaker;
        this.negativeQuota = negativeQuota;
        this.clock = clock;
        this.properties = properties;
        this.freshTtl = properties.freshTtl();
        this.hits = meters.counter("bridge.cache.lookups", "result", "hit");
        this.stale = meters.counter("bridge.cache.lookups", "result", "stale");
        this.misses = meters.counter("bridge.cache.lookups", "result", "miss");
        this.cdpSuccess = Timer.builder("bridge.cdp.calls").tag("provider", cdp.name()).tag("outcome", "success")
                .publishPercentileHistogram().register(meters);
        this.cdpFailure = Timer.builder("bridge.cdp.calls").tag("provider", cdp.name()).tag("outcome", "failure")
                .publishPercentileHistogram().register(meters);
        this.cdpRejected = meters.counter("bridge.cdp.rejected", "provider", cdp.name());
        this.negativeRefused = meters.counter("bridge.cache.negative.refused");
    }

    /**
     * Profiles matching the identifier, answered by the deadline at the latest.
     *
     * @param bypassCache fetch from the CDP even if a fresh entry exists (the widget's Refresh);
     *     cached data is still the fallback when the CDP cannot answer
     */
    public ProfileLookup lookup(CdpIdentifier identifier, Deadline deadline, boolean bypassCache) {
        String key = identifier.cacheKey();
        if (!bypassCache) {
            CachedMatches cached = cached(key);
            if (cached != null) {
                Duration age = ageOf(cached);
                if (age.compareTo(freshTtl) < 0) {
                    hits.increment();
                    return answer(cached, ProfileSource.CACHED, age, null);
                }
                stale.increment();
                // One background refresh per key (this caller does not wait); none while the breaker is
                // open, except when it is ready to let a probe through.
                if (breaker.tryAcquirePermission()) {
                    breaker.releasePermission();
                    load(key, identifier, true, negativeQuota.currentCaller());
                }
                return answer(cached, ProfileSource.STALE, age, isOpen() ? "circuit_open" : null);
            }
            misses.increment();
        }
        CompletableFuture<CachedMatches> loading = load(key, identifier, !bypassCache, negativeQuota.currentCaller());
        try {
            CachedMatches fetched = loading.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
            return answer(fetched, ProfileSource.FRESH, Duration.ZERO, null);
        } catch (TimeoutException e) {
            return fallback(key, "cdp_timeout");
        } catch (ExecutionException e) {
            return fallback(key, e.getCause() instanceof CallNotPermittedException ? "circuit_open" : "cdp_unavailable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback(key, "cdp_timeout");
        }
    }

    /**
     * What the cache holds for the identifier, without asking the CDP: the answer of last resort
     * when a caller's deadline passed before anything else came back.
     */
    public ProfileLookup cachedOnly(CdpIdentifier identifier, String problem) {
        return fallback(identifier.cacheKey(), problem);
    }

    /** Empties the local cache (benchmarks, tests). */
    public void evictAllLocal() {
        local.invalidateAll();
    }

    /**
     * How many local entries are keyed by, or hold a profile of, an identifier whose cache key
     * matches (a profile matches as {@code user_id:<its user id>}).
     */
    long countLocal(Predicate<String> cacheKeyMatches) {
        return local.asMap().entrySet().stream().filter(e -> holds(e.getKey(), e.getValue(), cacheKeyMatches)).count();
    }

    /** Removes the local entries {@link #countLocal} counts; returns how many it removed. */
    long evictLocal(Predicate<String> cacheKeyMatches) {
        long evicted = 0;
        for (Map.Entry<String, CachedMatches> entry : local.asMap().entrySet()) {
            if (holds(entry.getKey(), entry.getValue(), cacheKeyMatches)
                    && local.asMap().remove(entry.getKey(), entry.getValue())) {
                evicted++;
            }
        }
        return evicted;
    }

    /** The identifiers whose local entries hold the user's profile (L1 keys are the identifiers themselves). */
    Set<CdpIdentifier> localRoutesTo(String userId) {
        Set<CdpIdentifier> routes = new LinkedHashSet<>();
        local.asMap().forEach((key, entry) -> {
            if (entry.profiles().stream().anyMatch(p -> p.userId().equals(userId))) {
                identifierOf(key).ifPresent(routes::add);
            }
        });
        return routes;
    }

    private static boolean holds(String key, CachedMatches entry, Predicate<String> cacheKeyMatches) {
        return cacheKeyMatches.test(key) || entry.profiles().stream()
                .anyMatch(p -> cacheKeyMatches.test(new CdpIdentifier(CdpIdentifier.Kind.USER_ID, p.userId()).cacheKey()));
    }

    /** The identifier a cache key ({@link CdpIdentifier#cacheKey()}) was made of. */
    static Optional<CdpIdentifier> identifierOf(String cacheKey) {
        int colon = cacheKey.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String kind = cacheKey.substring(0, colon).toUpperCase(Locale.ROOT);
        return Arrays.stream(CdpIdentifier.Kind.values()).filter(k -> k.name().equals(kind)).findFirst()
                .map(k -> new CdpIdentifier(k, cacheKey.substring(colon + 1)));
    }

    /** Changes the fresh TTL at run time (benchmark profile only). */
    public void setFreshTtl(Duration ttl) {
        this.freshTtl = ttl;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    public String cdpName() {
        return cdp.name();
    }

    public long localSize() {
        return local.estimatedSize();
    }

    public String sharedStore() {
        return shared.describe();
    }

    private boolean isOpen() {
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    private @Nullable CachedMatches cached(String key) {
        CachedMatches entry = local.getIfPresent(key);
        if (entry != null) {
            return entry;
        }
        Optional<CachedMatches> remote = shared.get(key);
        if (remote.isPresent() && ageOf(remote.get()).compareTo(maxAgeOf(remote.get())) < 0) {
            local.put(key, remote.get());
            return remote.get();
        }
        return null;
    }

    private ProfileLookup fallback(String key, String problem) {
        CachedMatches entry = local.getIfPresent(key);
        if (entry == null) {
            entry = shared.get(key).orElse(null);
        }
        if (entry != null && ageOf(entry).compareTo(maxAgeOf(entry)) < 0) {
            return answer(entry, ProfileSource.STALE, ageOf(entry), problem);
        }
        return new ProfileLookup(List.of(), ProfileSource.NONE, Duration.ZERO, problem);
    }

    /**
     * @param unlessFresh skip the CDP call when, by the time the loader runs, another load has just
     *     stored a fresh entry (closes the race between reading a stale entry and starting its refresh)
     * @param mayKeepNegative the requesting caller's {@link NegativeEntryQuota}, taken on its thread
     */
    private CompletableFuture<CachedMatches> load(String key, CdpIdentifier identifier, boolean unlessFresh,
            BooleanSupplier mayKeepNegative) {
        CompletableFuture<CachedMatches> created = new CompletableFuture<>();
        CompletableFuture<CachedMatches> running = inflight.putIfAbsent(key, created);
        if (running != null) {
            return running;
        }
        loaders.execute(() -> {
            // leave the in-flight map before completing: a request that comes after the answer
            // must start its own load, not pick up this finished one
            try {
                CachedMatches current = unlessFresh ? local.getIfPresent(key) : null;
                CachedMatches result = current != null && ageOf(current).compareTo(freshTtl) < 0
                        ? current
                        : fetch(key, identifier, mayKeepNegative);
                inflight.remove(key, created);
                created.complete(result);
            } catch (Throwable e) {
                inflight.remove(key, created);
                created.completeExceptionally(e);
            }
        });
        return created;
    }

    private CachedMatches fetch(String key, CdpIdentifier identifier, BooleanSupplier mayKeepNegative) {
        long start = System.nanoTime();
        CdpMatches matches;
        try {
            matches = breaker.executeSupplier(() -> cdp.lookup(identifier));
            cdpSuccess.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (CallNotPermittedException e) {
            cdpRejected.increment();
            throw e;
        } catch (CdpUnavailable e) {
            cdpFailure.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            log.warn("CDP {} lookup for {} failed: {} ({})", cdp.name(), identifier, e.getMessage(), rootCause(e));
            throw e;
        } catch (RuntimeException e) {
            cdpFailure.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            log.warn("CDP {} lookup for {} failed unexpectedly: {}", cdp.name(), identifier, e.toString());
            throw e;
        }
        List<CdpProfile> masked = matches.profiles().stream().map(masker::mask).map(MaskedProfile::profile).toList();
        CachedMatches entry = new CachedMatches(masked, clock.instant());
        if (!entry.profiles().isEmpty() || mayKeepNegative.getAsBoolean()) {
            local.put(key, entry);
            shared.put(key, entry, maxAgeOf(entry));
        } else {
            negativeRefused.increment();
        }
        return entry;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** How long an entry may be kept and served: short for "nobody matched". */
    private Duration maxAgeOf(CachedMatches entry) {
        return entry.profiles().isEmpty() ? properties.negativeTtl() : properties.staleMaxAge();
    }

    private Duration ageOf(CachedMatches entry) {
        Duration age = Duration.between(entry.fetchedAt(), clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }

    private static ProfileLookup answer(CachedMatches entry, ProfileSource source, Duration age, @Nullable String problem) {
        return new ProfileLookup(
                entry.profiles().stream().map(MaskedProfile::alreadyMasked).toList(), source, age, problem);
    }
}

package com.profilebridge.console.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The application's own cumulative meters at one moment, as {@code ProfileService} registers them:
 * {@code bridge.cdp.calls} (a timer per outcome, success / failure, with a percentile histogram),
 * {@code bridge.cdp.rejected} and {@code bridge.cache.lookups} (result = hit / stale / miss).
 * Two readings give one interval's figures ({@link #since}). A meter not registered yet reads 0.
 *
 * @param cdpBuckets the calls' histogram: upper bound in ms -> calls at or below it (cumulative, as
 *     the Prometheus registry keeps them); empty when the registry keeps no buckets
 */
record MeterReadings(double cdpCalls, double cdpFailures, double cdpMillis, NavigableMap<Double, Double> cdpBuckets,
        double cdpRejected, double cacheHits, double cacheStale, double cacheMisses) {

    static final String CDP_CALLS = "bridge.cdp.calls";
    static final String CDP_REJECTED = "bridge.cdp.rejected";
    static final String CACHE_LOOKUPS = "bridge.cache.lookups";

    static MeterReadings read(MeterRegistry registry) {
        double calls = 0;
        double failures = 0;
        double millis = 0;
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (Timer timer : registry.find(CDP_CALLS).timers()) {
            long count = timer.count();
            calls += count;
            if ("failure".equals(timer.getId().getTag("outcome"))) {
                failures += count;
            }
            millis += timer.totalTime(TimeUnit.MILLISECONDS);
            for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
                buckets.merge(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count(), Double::sum);
            }
        }
        double rejected = registry.find(CDP_REJECTED).counters().stream().mapToDouble(Counter::count).sum();
        return new MeterReadings(calls, failures, millis, buckets, rejected, lookups(registry, "hit"),
                lookups(registry, "stale"), lookups(registry, "miss"));
    }

    private static double lookups(MeterRegistry registry, String result) {
        return registry.find(CACHE_LOOKUPS).tag("result", result).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** What happened between {@code before} and this reading. */
    Figures since(MeterReadings before) {
        long calls = delta(cdpCalls, before.cdpCalls);
        long failures = Math.min(calls, delta(cdpFailures, before.cdpFailures));
        Double errorRate = calls == 0 ? null : (double) failures / calls;
        Double mean = calls == 0 ? null : Math.max(0, cdpMillis - before.cdpMillis) / calls;
        NavigableMap<Double, Double> interval = bucketDeltas(before.cdpBuckets);
        return new Figures(calls, failures, delta(cdpRejected, before.cdpRejected), errorRate, mean,
                quantile(interval, calls, 0.5), quantile(interval, calls, 0.95),
                delta(cacheHits, before.cacheHits), delta(cacheStale, before.cacheStale),
                delta(cacheMisses, before.cacheMisses), perBucket(interval));
    }

    /** One interval's figures (see {@link Sample} for their meaning). */
    record Figures(long cdpCalls, long cdpFailures, long cdpRejected, @Nullable Double cdpErrorRate,
            @Nullable Double cdpLatencyMeanMs, @Nullable Double cdpLatencyP50Ms, @Nullable Double cdpLatencyP95Ms,
            long cacheHits, long cacheStale, long cacheMisses, SortedMap<Double, Long> cdpLatencyBuckets) {}

    /**
     * A cumulative histogram as calls per bucket, compact: a bucket is kept when it has calls, when
     * the next one has (its bound is that bucket's lower bound, which {@link #quantile} interpolates
     * from) and when it is the highest (the answer for calls above every bound); the rest, most of
     * Micrometer's ~70 buckets in a quiet interval, are left out without changing any quantile.
     */
    static SortedMap<Double, Long> perBucket(NavigableMap<Double, Double> cumulative) {
        SortedMap<Double, Long> counts = new TreeMap<>();
        double below = 0;
        Double previousBound = null;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            long calls = Math.round(Math.max(0, bucket.getValue() - below));
            if (calls > 0) {
                counts.put(bucket.getKey(), calls);
                if (previousBound != null) {
                    counts.putIfAbsent(previousBound, 0L);
                }
            }
            below = Math.max(below, bucket.getValue());
            previousBound = bucket.getKey();
        }
        if (!counts.isEmpty()) {
            counts.putIfAbsent(cumulative.lastKey(), 0L);
        }
        return counts;
    }

    /** Calls per bucket back to a cumulative histogram ({@link #quantile} reads those). */
    static NavigableMap<Double, Double> cumulative(SortedMap<Double, Long> perBucket) {
        NavigableMap<Double, Double> cumulative = new TreeMap<>();
        double total = 0;
        for (Map.Entry<Double, Long> bucket : perBucket.entrySet()) {
            total += bucket.getValue();
            cumulative.put(bucket.getKey(), total);
        }
        return cumulative;
    }

    /**
     * A counter that went down was reset (the meter was removed and registered again): its current
     * value is what was counted since.
     */
    private static long delta(double now, double before) {
        return Math.round(now >= before ? now - before : now);
    }

    /** The interval's histogram; empty when there is none or it is not cumulative (a count went down). */
    private NavigableMap<Double, Double> bucketDeltas(NavigableMap<Double, Double> before) {
        NavigableMap<Double, Double> deltas = new TreeMap<>();
        for (Map.Entry<Double, Double> bucket : cdpBuckets.entrySet()) {
            double delta = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            if (delta < 0) {
                return new TreeMap<>();
            }
            deltas.put(bucket.getKey(), delta);
        }
        return deltas;
    }

    /**
     * The {@code q} quantile of a cumulative histogram, interpolated linearly inside its bucket the
     * way Prometheus' {@code histogram_quantile} does; the highest bound when it lies above every
     * bucket (calls slower than the histogram's range are counted in {@code total} only); null
     * without buckets or without calls.
     */
    static @Nullable Double quantile(NavigableMap<Double, Double> cumulative, long total, double q) {
        if (cumulative.isEmpty() || total <= 0) {
            return null;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank && bucket.getValue() > lowerCount) {
                return lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / (bucket.getValue() - lowerCount);
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return cumulative.lastKey();
    }
}

package com.profilebridge.console.operations;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What this instance saw during one sampling interval ending at {@code at}. Counts are per
 * interval (differences of the cumulative Micrometer counters), not totals. A figure that could not
 * be measured is null: no CDP call in the interval means no latency and no error rate, an outbox
 * query that failed means no outbox figures (the chart shows a gap, never a made-up zero).
 *
 * @param interval the time since the previous sample
 * @param cdpCalls CDP lookups made (successful and failed), {@code bridge.cdp.calls}
 * @param cdpFailures CDP lookups that failed (timeouts, 5xx, refused connections)
 * @param cdpRejected lookups the open breaker did not let through ({@code bridge.cdp.rejected})
 * @param cdpErrorRate failures / calls, 0..1
 * @param cdpLatencyMeanMs mean duration of the interval's CDP calls
 * @param cdpLatencyP50Ms median, from the percentile histogram's bucket counts of the interval
 * @param cdpLatencyP95Ms 95th percentile, likewise
 * @param cacheHits fresh cache answers ({@code bridge.cache.lookups}, result=hit)
 * @param cacheStale stale answers (served while refreshing, or while the CDP is down)
 * @param cacheMisses lookups that found nothing cached and asked the CDP
 * @param breaker the CDP breaker's state when the sample was taken
 * @param outboxBacklog outcomes waiting for delivery (all instances: read from the database)
 * @param oldestUndeliveredSeconds age of the oldest of them
 * @param unattributed outcomes parked until they have a customer
 * @param deadLetters outcomes in dead letters
 * @param cdpLatencyBuckets the interval's CDP calls per bucket of the timer's histogram: upper bound
 *     in ms -> calls above the next lower bound and at or below this one (buckets without calls left
 *     out; calls slower than the highest bound count in {@code cdpCalls} only). Histograms of
 *     several instances add up bucket by bucket, which is how their percentiles are merged.
 */
public record Sample(
        Instant at,
        Duration interval,
        long cdpCalls,
        long cdpFailures,
        long cdpRejected,
        @Nullable Double cdpErrorRate,
        @Nullable Double cdpLatencyMeanMs,
        @Nullable Double cdpLatencyP50Ms,
        @Nullable Double cdpLatencyP95Ms,
        long cacheHits,
        long cacheStale,
        long cacheMisses,
        CircuitBreaker.State breaker,
        @Nullable Long outboxBacklog,
        @Nullable Long oldestUndeliveredSeconds,
        @Nullable Long unattributed,
        @Nullable Long deadLetters,
        SortedMap<Double, Long> cdpLatencyBuckets) {

    public Sample {
        cdpLatencyBuckets = Collections.unmodifiableSortedMap(new TreeMap<>(cdpLatencyBuckets));
    }

    /** Cache lookups of the interval. */
    public long cacheLookups() {
        return cacheHits + cacheStale + cacheMisses;
    }

    /** {@code part} as a share of the interval's cache lookups (0..1), null when there were none. */
    public @Nullable Double cacheShare(long part) {
        long lookups = cacheLookups();
        return lookups == 0 ? null : (double) part / lookups;
    }
}

package com.profilebridge.console.operations;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The operations page's data: the history of every instance the store knows (merged into one series
 * per chart), each instance's own state, and this instance's state now.
 *
 * @param at when the snapshot was taken
 * @param instance the instance that took it (served the page)
 * @param cdp the CDP provider's name
 * @param sampleInterval how often samples are taken
 * @param window how far back samples are kept
 * @param breaker this instance's CDP breaker now
 * @param scope whose history the samples are
 * @param samples oldest first, one per sampling interval, every reporting instance's figures of that
 *     interval merged (see {@link ClusterMerge}); with one instance, its own samples
 * @param transitions every instance's breaker transitions, newest first
 * @param instances this instance first, then the others by name
 * @param healthRules what makes an instance degraded or silent
 */
public record OperationsSnapshot(
        Instant at,
        String instance,
        String cdp,
        Duration sampleInterval,
        Duration window,
        CircuitBreaker.State breaker,
        Scope scope,
        List<Sample> samples,
        List<Transition> transitions,
        List<InstanceStatus> instances,
        HealthRules healthRules) {

    /**
     * When an instance counts as {@link Health#DEGRADED} or {@link Health#NOT_REPORTING}.
     *
     * @param recent the span of an instance's recent figures
     * @param errorRate the share of failed CDP calls within {@code recent} that makes it degraded...
     * @param minCalls ...once it made at least this many
     * @param silentAfter no sample for this long: not reporting
     */
    public record HealthRules(Duration recent, double errorRate, long minCalls, Duration silentAfter) {}

    /** Whose history the snapshot holds. */
    public enum Scope {
        /** This instance's only: the in-memory history (the embedded default runs one instance). */
        THIS_INSTANCE,
        /** Every instance that wrote to the shared store (Redis) within the window. */
        ALL_INSTANCES,
        /** The shared store could not be read: this instance's history only, until it can again. */
        SHARED_STORE_UNREACHABLE
    }

    /** A breaker transition of one instance. */
    public record Transition(Instant at, String instance, CircuitBreaker.State from, CircuitBreaker.State to) {}

    /** How an instance is doing, from its own samples (rules in {@link ClusterMerge}). */
    public enum Health {
        /** Reporting, breaker closed, few failed CDP calls. */
        OK,
        /** Breaker open or half-open, calls held back by it, or many failed CDP calls lately. */
        DEGRADED,
        /** No sample for a while (stopped, crashed, or cut off from the shared store). */
        NOT_REPORTING,
        /** This instance before its first sample. */
        STARTING
    }

    /** The breaker of one instance was in {@code state} from {@code from} to {@code to}. */
    public record BreakerSpan(Instant from, Instant to, CircuitBreaker.State state) {}

    /**
     * One instance's state and its recent figures.
     *
     * @param self the instance that served the page
     * @param lastSample its newest sample's time; null before the first
     * @param breaker its breaker now (this instance) or at its newest sample (the others)
     * @param recentCalls CDP calls over the recent figures' span ({@link ClusterMerge#RECENT})
     * @param recentErrorRate failed / all of those calls, null without calls
     * @param recentLatencyP95Ms 95th percentile of those calls (from their summed histograms)
     * @param recentRejected calls its open breaker held back in that span
     * @param breakerStates its breaker over the window, runs of equal state between samples
     */
    public record InstanceStatus(String id, String name, boolean self, Health health, @Nullable Instant lastSample,
            CircuitBreaker.State breaker, long recentCalls, @Nullable Double recentErrorRate,
            @Nullable Double recentLatencyP95Ms, long recentRejected, List<BreakerSpan> breakerStates) {}

    /** The instance that served the page. */
    public InstanceStatus self() {
        return instances.stream().filter(InstanceStatus::self).findFirst().orElseThrow();
    }
}

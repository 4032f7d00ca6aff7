package com.profilebridge.console.operations;

import com.profilebridge.console.operations.OperationsSnapshot.BreakerSpan;
import com.profilebridge.console.operations.OperationsSnapshot.Health;
import com.profilebridge.console.operations.OperationsSnapshot.InstanceStatus;
import com.profilebridge.console.operations.OperationsSnapshot.Transition;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Several instances' histories as the page shows them: one series per chart and one status per
 * instance.
 *
 * <p>Samples are merged per sampling interval: every instance samples at the same wall-clock
 * boundaries ({@link OperationsSampler} aligns its ticks to multiples of the interval), so each
 * sample belongs to the interval boundary nearest to its time, and the samples of one boundary are
 * merged into one:
 * <ul>
 *   <li>counts (CDP calls, failures, calls held back, cache hits, stale answers, misses) add up, so
 *       shares such as the error rate ({@code failures / calls}) and the cache shares are the
 *       call-weighted (lookup-weighted) means of the instances' own;</li>
 *   <li>the mean latency is the call-weighted mean of the instances' means (exact: total time /
 *       calls);</li>
 *   <li>percentiles come from the instances' histograms added bucket by bucket, then read like
 *       Prometheus' {@code histogram_quantile(sum by (le) ...)}; averaging percentiles would mean
 *       nothing. Without histograms the highest of the instances' percentiles is shown (an upper
 *       bound);</li>
 *   <li>the breaker is the worst state any instance reported (open, then half-open, then closed);</li>
 *   <li>the outbox figures come from the shared database, the same for every instance: the newest
 *       reading is taken.</li>
 * </ul>
 * A single sample is its own merge, so one instance's history is shown as recorded.
 *
 * <p>An instance's health: {@link Health#NOT_REPORTING} when its newest sample is more than
 * {@value #SILENT_INTERVALS} intervals old, {@link Health#DEGRADED} when its breaker is not closed,
 * it held calls back, or at least {@value #DEGRADED_MIN_CALLS} of its CDP calls in the last
 * {@link #RECENT} failed at a rate of {@value #DEGRADED_ERROR_RATE} or more, else {@link Health#OK}.
 */
final class ClusterMerge {

    /** The span an instance's recent figures (calls, error rate, 95th percentile) cover. */
    static final Duration RECENT = Duration.ofMinutes(5);
    static final double DEGRADED_ERROR_RATE = 0.05;
    static final long DEGRADED_MIN_CALLS = 20;
    static final int SILENT_INTERVALS = 3;

    private ClusterMerge() {}

    static OperationsSnapshot.HealthRules rules(Duration interval) {
        return new OperationsSnapshot.HealthRules(RECENT, DEGRADED_ERROR_RATE, DEGRADED_MIN_CALLS,
                interval.multipliedBy(SILENT_INTERVALS));
    }

    /** One sample per interval boundary, oldest first. */
    static List<Sample> samples(List<InstanceHistory> instances, Duration interval) {
        SortedMap<Instant, List<Sample>> byBoundary = new TreeMap<>();
        for (InstanceHistory instance : instances) {
            for (Sample sample : instance.samples()) {
                byBoundary.computeIfAbsent(boundary(sample.at(), interval), b -> new ArrayList<>()).add(sample);
            }
        }
        return byBoundary.entrySet().stream().map(e -> merge(e.getKey(), interval, e.getValue())).toList();
    }

    /** The multiple of {@code interval} (since the epoch) nearest to {@code at}. */
    static Instant boundary(Instant at, Duration interval) {
        long step = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli() + step / 2, step) * step);
    }

    static Sample merge(Instant boundary, Duration interval, List<Sample> parts) {
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        long calls = sum(parts, Sample::cdpCalls);
        long failures = sum(parts, Sample::cdpFailures);
        SortedMap<Double, Long> buckets = new TreeMap<>();
        parts.forEach(p -> p.cdpLatencyBuckets().forEach((bound, n) -> buckets.merge(bound, n, Long::sum)));
        double weighted = 0;
        long timed = 0;
        for (Sample part : parts) {
            if (part.cdpLatencyMeanMs() != null && part.cdpCalls() > 0) {
                weighted += part.cdpLatencyMeanMs() * part.cdpCalls();
                timed += part.cdpCalls();
            }
        }
        Sample outbox = parts.stream().filter(p -> p.outboxBacklog() != null).max(Comparator.comparing(Sample::at))
                .orElse(parts.getFirst());
        return new Sample(boundary, interval, calls, failures, sum(parts, Sample::cdpRejected),
                calls == 0 ? null : (double) failures / calls, timed == 0 ? null : weighted / timed,
                percentile(parts, buckets, calls, 0.5, Sample::cdpLatencyP50Ms),
                percentile(parts, buckets, calls, 0.95, Sample::cdpLatencyP95Ms),
                sum(parts, Sample::cacheHits), sum(parts, Sample::cacheStale), sum(parts, Sample::cacheMisses),
                parts.stream().map(Sample::breaker).max(Comparator.comparingInt(ClusterMerge::severity)).orElseThrow(),
                outbox.outboxBacklog(), outbox.oldestUndeliveredSeconds(), outbox.unattributed(), outbox.deadLetters(),
                buckets);
    }

    private static @Nullable Double percentile(List<Sample> parts, SortedMap<Double, Long> buckets, long calls,
            double q, Function<Sample, @Nullable Double> own) {
        if (calls == 0) {
            return null;
        }
        if (!buckets.isEmpty()) {
            return MeterReadings.quantile(MeterReadings.cumulative(buckets), calls, q);
        }
        return parts.stream().map(own).filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    /** Every instance's transitions, newest first, named by instance. */
    static List<Transition> transitions(List<InstanceHistory> instances) {
        List<Transition> all = new ArrayList<>();
        for (InstanceHistory instance : instances) {
            instance.transitions().forEach(t -> all.add(new Transition(t.at(), instance.name(), t.from(), t.to())));
        }
        all.sort(Comparator.comparing(Transition::at).reversed());
        return all;
    }

    /**
     * @param breakerNow this instance's breaker now; null for the others (their newest sample's)
     */
    static InstanceStatus status(InstanceHistory instance, @Nullable State breakerNow, Instant now, Duration interval) {
        List<Sample> samples = instance.samples();
        Sample last = samples.isEmpty() ? null : samples.getLast();
        State breaker = breakerNow != null ? breakerNow : last != null ? last.breaker() : State.CLOSED;
        List<Sample> recent = samples.stream().filter(s -> s.at().isAfter(now.minus(RECENT))).toList();
        long calls = sum(recent, Sample::cdpCalls);
        long failures = sum(recent, Sample::cdpFailures);
        long rejected = sum(recent, Sample::cdpRejected);
        Double errorRate = calls == 0 ? null : (double) failures / calls;
        SortedMap<Double, Long> buckets = new TreeMap<>();
        recent.forEach(s -> s.cdpLatencyBuckets().forEach((bound, n) -> buckets.merge(bound, n, Long::sum)));
        Double p95 = percentile(recent, buckets, calls, 0.95, Sample::cdpLatencyP95Ms);
        Health health;
        if (last == null) {
            health = instance.self() ? Health.STARTING : Health.NOT_REPORTING;
        } else if (last.at().isBefore(now.minus(interval.multipliedBy(SILENT_INTERVALS)))) {
            health = Health.NOT_REPORTING;
        } else if (severity(breaker) > severity(State.CLOSED) || rejected > 0
                || (calls >= DEGRADED_MIN_CALLS && errorRate != null && errorRate >= DEGRADED_ERROR_RATE)) {
            health = Health.DEGRADED;
        } else {
            health = Health.OK;
        }
        return new InstanceStatus(instance.id(), instance.name(), instance.self(), health,
                last == null ? null : last.at(), breaker, calls, errorRate, p95, rejected, spans(samples, interval));
    }

    /** Runs of equal breaker state; a gap longer than half an interval between samples ends a run. */
    static List<BreakerSpan> spans(List<Sample> samples, Duration interval) {
        List<BreakerSpan> spans = new ArrayList<>();
        Duration slack = interval.dividedBy(2);
        for (Sample sample : samples) {
            Instant from = sample.at().minus(sample.interval());
            BreakerSpan previous = spans.isEmpty() ? null : spans.getLast();
            if (previous != null && previous.state() == sample.breaker() && !from.isAfter(previous.to().plus(slack))) {
                spans.set(spans.size() - 1, new BreakerSpan(previous.from(), sample.at(), sample.breaker()));
            } else {
                spans.add(new BreakerSpan(from, sample.at(), sample.breaker()));
            }
        }
        return spans;
    }

    /** How bad a breaker state is: open beats half-open beats closed. */
    static int severity(State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> 3;
            case HALF_OPEN -> 2;
            case CLOSED -> 1;
            case DISABLED, METRICS_ONLY -> 0;
        };
    }

    private static long sum(List<Sample> samples, Function<Sample, Long> count) {
        return samples.stream().mapToLong(count::apply).sum();
    }
}

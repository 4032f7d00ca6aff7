package com.profilebridge.console.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.profilebridge.console.operations.OperationsSnapshot.BreakerSpan;
import com.profilebridge.console.operations.OperationsSnapshot.Health;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Several instances' samples as one series, and each instance's health, by the rules the page states. */
class ClusterMergeTests {

    static final Duration TEN = Duration.ofSeconds(10);
    static final Instant T = Instant.parse("2026-12-01T10:00:10Z");

    @Test
    void samplesOfOneIntervalMergeWithRatesWeightedByTheInstancesCalls() {
        // a quiet instance without failures and a busy one failing 10 % of its calls, a few ms apart
        Sample quiet = sample(T.plusMillis(4), 100, 0, 40.0, Map.of(30.0, 0L, 40.0, 100L, 30_000.0, 0L), State.CLOSED);
        Sample busy = sample(T.minusMillis(3), 300, 30, 80.0, Map.of(70.0, 0L, 80.0, 300L, 30_000.0, 0L), State.CLOSED);

        List<Sample> merged = ClusterMerge.samples(List.of(history("a", quiet), history("b", busy)), TEN);

        assertThat(merged).singleElement().satisfies(s -> {
            assertThat(s.at()).isEqualTo(T);
            assertThat(s.cdpCalls()).isEqualTo(400);
            assertThat(s.cdpFailures()).isEqualTo(30);
            // 30 / 400, not the mean of 0 % and 10 %
            assertThat(s.cdpErrorRate()).isEqualTo(0.075);
            assertThat(s.cdpLatencyMeanMs()).isEqualTo(70.0);
            assertThat(s.cacheHits()).isEqualTo(2 * 10);
        });
    }

    @Test
    void percentilesComeFromTheSummedHistogramsNotFromAveragingPercentiles() {
        Sample fast = sample(T, 100, 0, 35.0, Map.of(30.0, 0L, 40.0, 100L, 30_000.0, 0L), State.CLOSED);
        Sample slow = sample(T, 100, 0, 450.0, Map.of(400.0, 0L, 500.0, 100L, 30_000.0, 0L), State.CLOSED);

        Sample merged = ClusterMerge.samples(List.of(history("a", fast), history("b", slow)), TEN).getFirst();

        // rank 190 of 200 lies in the slow instance's bucket (400, 500]: 400 + 100 * 90 / 100
        assertThat(merged.cdpLatencyP95Ms()).isCloseTo(490.0, within(0.001));
        assertThat(merged.cdpLatencyP50Ms()).isCloseTo(40.0, within(0.001));
        assertThat(merged.cdpLatencyBuckets()).containsEntry(40.0, 100L).containsEntry(500.0, 100L);
    }

    @Test
    void oneInstancesSamplesAreShownAsRecorded() {
        Sample only = sample(T.plusMillis(4), 10, 1, 50.0, Map.of(40.0, 0L, 50.0, 10L), State.HALF_OPEN);

        assertThat(ClusterMerge.samples(List.of(history("a", only)), TEN)).containsExactly(only);
    }

    @Test
    void theMergedBreakerIsTheWorstStateAndTheOutboxTheNewestReading() {
        Sample closed = sample(T.minusMillis(2), 5, 0, 40.0, Map.of(), State.CLOSED);
        Sample open = sample(T.plusMillis(2), 0, 0, null, Map.of(), State.OPEN);

        Sample merged = ClusterMerge.samples(List.of(history("a", closed), history("b", open)), TEN).getFirst();

        assertThat(merged.breaker()).isEqualTo(State.OPEN);
        assertThat(merged.outboxBacklog()).isEqualTo(T.plusMillis(2).toEpochMilli() % 1000);
    }

    @Test
    void anInstanceIsDegradedWhenItsBreakerIsNotClosedOrManyOfItsRecentCallsFailed() {
        Instant now = T.plusSeconds(5);
        assertThat(health(now, sample(T, 100, 1, 40.0, Map.of(), State.CLOSED))).isEqualTo(Health.OK);
        assertThat(health(now, sample(T, 100, 5, 40.0, Map.of(), State.CLOSED))).as("5 %").isEqualTo(Health.DEGRADED);
        assertThat(health(now, sample(T, 10, 2, 40.0, Map.of(), State.CLOSED))).as("too few calls to judge")
                .isEqualTo(Health.OK);
        assertThat(health(now, sample(T, 0, 0, null, Map.of(), State.OPEN))).isEqualTo(Health.DEGRADED);
        assertThat(health(now, sample(T, 0, 0, null, Map.of(), State.HALF_OPEN))).isEqualTo(Health.DEGRADED);
        // failures long ago do not count: only the last five minutes
        Sample old = sample(T, 100, 50, 40.0, Map.of(), State.CLOSED);
        Sample fresh = sample(T.plus(ClusterMerge.RECENT), 100, 0, 40.0, Map.of(), State.CLOSED);
        assertThat(ClusterMerge.status(history("a", old, fresh), null, T.plus(ClusterMerge.RECENT).plusSeconds(5), TEN)
                .health()).isEqualTo(Health.OK);
    }

    @Test
    void anInstanceWithoutASampleForThreeIntervalsIsNotReporting() {
        Sample last = sample(T, 100, 0, 40.0, Map.of(), State.CLOSED);
        assertThat(health(T.plusSeconds(30), last)).isEqualTo(Health.OK);
        assertThat(health(T.plusSeconds(31), last)).isEqualTo(Health.NOT_REPORTING);
        assertThat(ClusterMerge.status(new InstanceHistory("b", "pod-b", false, List.of(), List.of()), null, T, TEN)
                .health()).isEqualTo(Health.NOT_REPORTING);
        assertThat(ClusterMerge.status(new InstanceHistory("a", "pod-a", true, List.of(), List.of()), State.CLOSED, T, TEN)
                .health()).as("this instance before its first sample").isEqualTo(Health.STARTING);
    }

    @Test
    void theRecentFiguresAddUpTheInstancesLastFiveMinutes() {
        Sample first = sample(T, 100, 10, 40.0, Map.of(30.0, 0L, 40.0, 100L), State.CLOSED);
        Sample second = sample(T.plus(TEN), 100, 0, 40.0, Map.of(400.0, 0L, 500.0, 100L), State.CLOSED);

        OperationsSnapshot.InstanceStatus status = ClusterMerge.status(history("a", first, second), State.OPEN,
                T.plus(TEN).plusSeconds(1), TEN);

        assertThat(status.recentCalls()).isEqualTo(200);
        assertThat(status.recentErrorRate()).isEqualTo(0.05);
        assertThat(status.recentLatencyP95Ms()).isCloseTo(490.0, within(0.001));
        assertThat(status.breaker()).as("this instance: its breaker now").isEqualTo(State.OPEN);
        assertThat(status.lastSample()).isEqualTo(T.plus(TEN));
    }

    @Test
    void theBreakerIsShownAsRunsOfEqualStateWithGapsWhereNothingWasSampled() {
        List<Sample> samples = List.of(sample(T, 1, 0, 1.0, Map.of(), State.CLOSED),
                sample(T.plus(TEN), 1, 0, 1.0, Map.of(), State.CLOSED),
                sample(T.plusSeconds(20), 1, 0, 1.0, Map.of(), State.OPEN),
                sample(T.plusSeconds(30), 1, 0, 1.0, Map.of(), State.CLOSED),
                sample(T.plusSeconds(70), 1, 0, 1.0, Map.of(), State.CLOSED));

        assertThat(ClusterMerge.spans(samples, TEN)).containsExactly(
                new BreakerSpan(T.minus(TEN), T.plus(TEN), State.CLOSED),
                new BreakerSpan(T.plus(TEN), T.plusSeconds(20), State.OPEN),
                new BreakerSpan(T.plusSeconds(20), T.plusSeconds(30), State.CLOSED),
                new BreakerSpan(T.plusSeconds(60), T.plusSeconds(70), State.CLOSED));
    }

    @Test
    void everyInstancesTransitionsAreListedNewestFirstWithTheInstancesName() {
        InstanceHistory a = new InstanceHistory("a", "pod-a", true, List.of(),
                List.of(new BreakerTransition(T.plusSeconds(40), State.OPEN, State.HALF_OPEN),
                        new BreakerTransition(T, State.CLOSED, State.OPEN)));
        InstanceHistory b = new InstanceHistory("b", "pod-b", false, List.of(),
                List.of(new BreakerTransition(T.plusSeconds(20), State.CLOSED, State.OPEN)));

        assertThat(ClusterMerge.transitions(List.of(a, b))).extracting(OperationsSnapshot.Transition::instance)
                .containsExactly("pod-a", "pod-b", "pod-a");
    }

    @Test
    void aSampleBelongsToTheNearestBoundaryOfTheInterval() {
        assertThat(ClusterMerge.boundary(Instant.parse("2026-12-01T10:00:09.990Z"), TEN)).isEqualTo(T);
        assertThat(ClusterMerge.boundary(Instant.parse("2026-12-01T10:00:14.999Z"), TEN)).isEqualTo(T);
        assertThat(ClusterMerge.boundary(Instant.parse("2026-12-01T10:00:15Z"), TEN)).isEqualTo(T.plus(TEN));
    }

    private static Health health(Instant now, Sample... samples) {
        return ClusterMerge.status(history("b", samples), null, now, TEN).health();
    }

    static InstanceHistory history(String id, Sample... samples) {
        return new InstanceHistory(id, "pod-" + id, false, List.of(samples), List.of());
    }

    /** A sample; the outbox backlog is the sample time's milliseconds, so a test sees which reading was taken. */
    static Sample sample(Instant at, long calls, long failures, @Nullable Double mean, Map<Double, Long> buckets,
            State breaker) {
        SortedMap<Double, Long> sorted = new TreeMap<>(buckets);
        Double p95 = sorted.isEmpty() || calls == 0 ? null
                : MeterReadings.quantile(MeterReadings.cumulative(sorted), calls, 0.95);
        return new Sample(at, TEN, calls, failures, 0, calls == 0 ? null : (double) failures / calls, mean, null, p95,
                10, 0, 0, breaker, at.toEpochMilli() % 1000, 0L, 0L, 0L, sorted);
    }
}

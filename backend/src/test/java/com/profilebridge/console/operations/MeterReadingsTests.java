package com.profilebridge.console.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-interval figures from the cumulative meters, registered here exactly as ProfileService does,
 * in the registry the application runs with (Prometheus: cumulative histogram buckets).
 */
class MeterReadingsTests {

    MeterRegistry registry;
    Timer success;
    Timer failure;
    Counter hits;
    Counter stale;
    Counter misses;
    Counter rejected;

    @BeforeEach
    void meters() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        success = Timer.builder("bridge.cdp.calls").tag("provider", "demo").tag("outcome", "success")
                .publishPercentileHistogram().register(registry);
        failure = Timer.builder("bridge.cdp.calls").tag("provider", "demo").tag("outcome", "failure")
                .publishPercentileHistogram().register(registry);
        hits = registry.counter("bridge.cache.lookups", "result", "hit");
        stale = registry.counter("bridge.cache.lookups", "result", "stale");
        misses = registry.counter("bridge.cache.lookups", "result", "miss");
        rejected = registry.counter("bridge.cdp.rejected", "provider", "demo");
    }

    @Test
    void countsAreTheIntervalsDifferencesNotTheTotals() {
        hits.increment(500);
        misses.increment(20);
        MeterReadings before = MeterReadings.read(registry);
        hits.increment(90);
        stale.increment(6);
        misses.increment(4);
        rejected.increment(3);

        MeterReadings.Figures interval = MeterReadings.read(registry).since(before);

        assertThat(interval.cacheHits()).isEqualTo(90);
        assertThat(interval.cacheStale()).isEqualTo(6);
        assertThat(interval.cacheMisses()).isEqualTo(4);
        assertThat(interval.cdpRejected()).isEqualTo(3);
    }

    @Test
    void errorRateAndLatencyCoverOnlyTheIntervalsCalls() {
        for (int i = 0; i < 50; i++) {
            success.record(2000, TimeUnit.MILLISECONDS); // a slow hour before: must not weigh on this interval
        }
        MeterReadings before = MeterReadings.read(registry);
        for (int ms = 1; ms <= 90; ms++) {
            success.record(ms, TimeUnit.MILLISECONDS);
        }
        for (int i = 0; i < 10; i++) {
            failure.record(500, TimeUnit.MILLISECONDS);
        }

        MeterReadings.Figures interval = MeterReadings.read(registry).since(before);

        assertThat(interval.cdpCalls()).isEqualTo(100);
        assertThat(interval.cdpFailures()).isEqualTo(10);
        assertThat(interval.cdpErrorRate()).isEqualTo(0.10);
        assertThat(interval.cdpLatencyMeanMs()).isCloseTo((90 * 91 / 2.0 + 10 * 500) / 100, within(0.01));
        // exact p50 is 50.5 ms; the histogram's buckets near it are about 5 ms wide
        assertThat(interval.cdpLatencyP50Ms()).isCloseTo(50.5, within(6.0));
        // 95 % of the calls are at or below 500 ms (the failures), none of the 2 s calls of before
        assertThat(interval.cdpLatencyP95Ms()).isBetween(90.0, 560.0);
    }

    @Test
    void anIntervalWithoutCdpCallsHasNoLatencyAndNoErrorRateRatherThanZero() {
        success.record(40, TimeUnit.MILLISECONDS);
        MeterReadings before = MeterReadings.read(registry);
        hits.increment();

        MeterReadings.Figures interval = MeterReadings.read(registry).since(before);

        assertThat(interval.cdpCalls()).isZero();
        assertThat(interval.cdpErrorRate()).isNull();
        assertThat(interval.cdpLatencyMeanMs()).isNull();
        assertThat(interval.cdpLatencyP95Ms()).isNull();
    }

    @Test
    void aCounterThatWasResetCountsFromItsNewStart() {
        hits.increment(1000);
        MeterReadings before = MeterReadings.read(registry);
        registry.remove(hits);
        registry.counter("bridge.cache.lookups", "result", "hit").increment(7);

        assertThat(MeterReadings.read(registry).since(before).cacheHits()).isEqualTo(7);
    }

    @Test
    void metersNotRegisteredYetReadAsNothing() {
        MeterRegistry empty = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MeterReadings.Figures interval = MeterReadings.read(empty).since(MeterReadings.read(empty));
        assertThat(interval.cdpCalls()).isZero();
        assertThat(interval.cacheHits()).isZero();
        assertThat(interval.cdpLatencyP95Ms()).isNull();
    }

    @Test
    void quantilesInterpolateInsideTheirBucketAndStopAtTheHighestBound() {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        cumulative.put(10.0, 50.0);
        cumulative.put(20.0, 90.0);
        cumulative.put(40.0, 100.0);
        assertThat(MeterReadings.quantile(cumulative, 100, 0.5)).isEqualTo(10.0);
        assertThat(MeterReadings.quantile(cumulative, 100, 0.7)).isEqualTo(15.0);
        assertThat(MeterReadings.quantile(cumulative, 100, 0.95)).isEqualTo(30.0);
        // 100 calls in the buckets, 100 more slower than the highest bound
        assertThat(MeterReadings.quantile(cumulative, 200, 0.95)).isEqualTo(40.0);
        assertThat(MeterReadings.quantile(new TreeMap<>(), 100, 0.5)).isNull();
        assertThat(MeterReadings.quantile(cumulative, 0, 0.5)).isNull();
    }
}

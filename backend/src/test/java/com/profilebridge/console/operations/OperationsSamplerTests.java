package com.profilebridge.console.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.profilebridge.cdp.CdpClient;
import com.profilebridge.outcome.OutboxStats;
import com.profilebridge.outcome.OutcomeOperations;
import com.profilebridge.testing.MovableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sampler on a hand-moved clock: one sample per interval, breaker transitions as they happen. */
class OperationsSamplerTests {

    static final OperationsProperties SETTINGS = new OperationsProperties(Duration.ofSeconds(10), Duration.ofHours(1), 50, "");

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final MeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    final OutcomeOperations outcomes = mock(OutcomeOperations.class);
    final CdpClient cdp = mock(CdpClient.class);
    final InMemoryOperationsHistory history = new InMemoryOperationsHistory(OperationsHistoryTests.SELF, SETTINGS.samples(), 50);

    @BeforeEach
    void cdp() {
        when(cdp.breakerName()).thenReturn("cdp-demo");
        when(outcomes.stats()).thenReturn(new OutboxStats(12, 95, 3, 2));
    }

    @Test
    void theFirstReadingIsTheBaselineAndEachLaterOneASampleOfItsInterval() {
        OperationsSampler sampler = sampler();
        meters.counter("bridge.cache.lookups", "result", "hit").increment(1000); // before the baseline
        sampler.sample();
        assertThat(history.samples()).isEmpty();

        clock.advance(Duration.ofSeconds(10));
        meters.counter("bridge.cache.lookups", "result", "hit").increment(40);
        meters.counter("bridge.cache.lookups", "result", "miss").increment(10);
        sampler.sample();

        Sample sample = history.latest().orElseThrow();
        assertThat(sample.at()).isEqualTo(clock.instant());
        assertThat(sample.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(sample.cacheHits()).isEqualTo(40);
        assertThat(sample.cacheShare(sample.cacheMisses())).isEqualTo(0.2);
        assertThat(sample.outboxBacklog()).isEqualTo(12);
        assertThat(sample.oldestUndeliveredSeconds()).isEqualTo(95);
        assertThat(sample.unattributed()).isEqualTo(3);
        assertThat(sample.deadLetters()).isEqualTo(2);
        assertThat(sample.breaker()).isEqualTo(State.CLOSED);
    }

    @Test
    void breakerTransitionsAreRecordedWithTheBreakersTimeWhetherTheBreakerCameBeforeOrAfterTheSampler() {
        OperationsSampler sampler = sampler(); // no breaker yet: the profile module creates it later
        CircuitBreaker breaker = breakers.circuitBreaker("cdp-demo",
                CircuitBreakerConfig.from(CircuitBreakerConfig.ofDefaults()).clock(clock).build());
        breaker.transitionToOpenState();
        clock.advance(Duration.ofSeconds(30));
        breaker.transitionToHalfOpenState();
        sampler.sample();
        clock.advance(Duration.ofSeconds(10));
        sampler.sample();

        assertThat(history.transitions()).extracting(BreakerTransition::to).containsExactly(State.HALF_OPEN, State.OPEN);
        assertThat(history.transitions().getLast().at()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(history.latest().orElseThrow().breaker()).isEqualTo(State.HALF_OPEN);

        InMemoryOperationsHistory second = new InMemoryOperationsHistory(OperationsHistoryTests.SELF, 10, 10);
        new OperationsSampler(second, meters, outcomes, breakers, cdp, clock, SETTINGS); // the breaker exists now
        breaker.transitionToClosedState();
        assertThat(second.transitions()).extracting(BreakerTransition::from).containsExactly(State.HALF_OPEN);
    }

    @Test
    void aDatabaseThatDoesNotAnswerLeavesAGapInTheOutboxFiguresNotInTheRest() {
        OperationsSampler sampler = sampler();
        sampler.sample();
        when(outcomes.stats()).thenThrow(new IllegalStateException("connection refused"));
        clock.advance(Duration.ofSeconds(10));
        meters.counter("bridge.cache.lookups", "result", "stale").increment(5);
        sampler.sample();

        Sample sample = history.latest().orElseThrow();
        assertThat(sample.outboxBacklog()).isNull();
        assertThat(sample.deadLetters()).isNull();
        assertThat(sample.cacheStale()).isEqualTo(5);
    }

    @Test
    void everyInstanceTicksOnTheSameBoundariesOfTheInterval() {
        long step = 10_000;
        assertThat(OperationsSampler.untilNextBoundary(Instant.parse("2026-12-01T10:00:03.250Z").toEpochMilli(), step))
                .isEqualTo(6_750);
        assertThat(OperationsSampler.untilNextBoundary(Instant.parse("2026-12-01T10:00:09.999Z").toEpochMilli(), step))
                .isEqualTo(1);
        assertThat(OperationsSampler.untilNextBoundary(Instant.parse("2026-12-01T10:00:10Z").toEpochMilli(), step))
                .as("on a boundary: the next one").isEqualTo(10_000);
    }

    @Test
    void aSampleKeepsTheIntervalsLatencyHistogramCompactly() {
        OperationsSampler sampler = sampler();
        Timer calls = Timer.builder("bridge.cdp.calls").tag("outcome", "success").publishPercentileHistogram()
                .register(meters);
        sampler.sample();
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            calls.record(Duration.ofMillis(40));
        }
        calls.record(Duration.ofMillis(400));
        sampler.sample();

        Sample sample = history.latest().orElseThrow();
        assertThat(sample.cdpCalls()).isEqualTo(21);
        assertThat(sample.cdpLatencyBuckets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(21);
        assertThat(sample.cdpLatencyBuckets()).as("a few buckets of ~70, each with its lower bound").hasSizeLessThan(8);
        // the kept buckets give the same percentile as the whole histogram did
        assertThat(MeterReadings.quantile(MeterReadings.cumulative(sample.cdpLatencyBuckets()), 21, 0.95))
                .isEqualTo(sample.cdpLatencyP95Ms());
        assertThat(MeterReadings.quantile(MeterReadings.cumulative(sample.cdpLatencyBuckets()), 21, 0.5))
                .isEqualTo(sample.cdpLatencyP50Ms());
    }

    OperationsSampler sampler() {
        return new OperationsSampler(history, meters, outcomes, breakers, cdp, clock, SETTINGS);
    }
}

package com.profilebridge.console.operations;

import com.profilebridge.cdp.CdpClient;
import com.profilebridge.outcome.OutboxStats;
import com.profilebridge.outcome.OutcomeOperations;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Fills the {@link OperationsHistory}: every {@code bridge.operations.sample-interval} it reads this
 * process's meters (CDP calls, cache lookups), the breaker's state and the outbox figures (one
 * aggregate query; they are the same for every instance, the database being shared), and records
 * the interval's figures. Breaker transitions are recorded as they happen, from the breaker's event
 * publisher. The first reading after start is the baseline: the first sample follows at the next
 * boundary of the interval on the clock (ticks are aligned, so every instance samples the same
 * intervals).
 */
@Component
class OperationsSampler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OperationsSampler.class);

    private final OperationsHistory history;
    private final MeterRegistry meters;
    private final CircuitBreakerRegistry breakers;
    private final String breakerName;
    private final OutcomeOperations outcomes;
    private final Clock clock;
    private final Duration every;
    private @Nullable MeterReadings previous;
    private @Nullable Instant previousAt;
    private boolean outboxFailing;
    private @Nullable ScheduledExecutorService scheduler;

    OperationsSampler(OperationsHistory history, MeterRegistry meters, OutcomeOperations outcomes,
            CircuitBreakerRegistry breakers, CdpClient cdp, Clock clock, OperationsProperties properties) {
        this.history = history;
        this.meters = meters;
        this.outcomes = outcomes;
        this.breakers = breakers;
        this.breakerName = cdp.breakerName();
        this.clock = clock;
        this.every = properties.sampleInterval();
        // the profile module creates the CDP breaker; whether before or after this bean, it is watched
        breakers.find(breakerName).ifPresentOrElse(this::watch,
                () -> breakers.getEventPublisher().onEntryAdded(added -> {
                    if (added.getAddedEntry().getName().equals(breakerName)) {
                        watch(added.getAddedEntry());
                    }
                }));
    }

    private void watch(CircuitBreaker breaker) {
        // the application's clock, not the event's own time (Resilience4j stamps events with the system clock)
        breaker.getEventPublisher().onStateTransition(event -> history.record(new BreakerTransition(clock.instant(),
                event.getStateTransition().getFromState(), event.getStateTransition().getToState())));
    }

    private CircuitBreaker.State breakerState() {
        return breakers.find(breakerName).map(CircuitBreaker::getState).orElse(CircuitBreaker.State.CLOSED);
    }

    /** One sample (the scheduler's tick; tests call it directly). */
    synchronized void sample() {
        Instant now = clock.instant();
        MeterReadings reading = MeterReadings.read(meters);
        OutboxStats outbox = outboxStats();
        if (previous != null && previousAt != null) {
            MeterReadings.Figures f = reading.since(previous);
            history.record(new Sample(now, Duration.between(previousAt, now), f.cdpCalls(), f.cdpFailures(),
                    f.cdpRejected(), f.cdpErrorRate(), f.cdpLatencyMeanMs(), f.cdpLatencyP50Ms(), f.cdpLatencyP95Ms(),
                    f.cacheHits(), f.cacheStale(), f.cacheMisses(), breakerState(),
                    outbox == null ? null : outbox.backlog(),
                    outbox == null ? null : outbox.oldestPendingSeconds(),
                    outbox == null ? null : outbox.unattributed(), outbox == null ? null : outbox.deadLetters(),
                    f.cdpLatencyBuckets()));
        }
        previous = reading;
        previousAt = now;
    }

    /** The outbox figures, or null while the database does not answer (logged once per outage). */
    private @Nullable OutboxStats outboxStats() {
        try {
            OutboxStats stats = outcomes.stats();
            outboxFailing = false;
            return stats;
        } catch (RuntimeException e) {
            if (!outboxFailing) {
                log.warn("Operations history: the outbox figures cannot be read ({}); the page shows a gap", e.toString());
            }
            outboxFailing = true;
            return null;
        }
    }

    private void tick() {
        try {
            sample();
        } catch (RuntimeException e) {
            // a missed sample is a gap in the charts, never a reason to stop sampling
            log.warn("Operations history: sample failed: {}", e.toString());
        } finally {
            scheduleNext();
        }
    }

    /**
     * The next tick at the next multiple of the interval on the clock (10:00:00, 10:00:10, ...), on
     * every instance alike, so that samples of several instances cover the same intervals and merge
     * ({@link ClusterMerge}). Computed again for every tick: a clock that is adjusted does not let
     * the ticks drift off the boundaries.
     */
    private synchronized void scheduleNext() {
        if (scheduler != null && !scheduler.isShutdown()) {
            scheduler.schedule(this::tick, untilNextBoundary(clock.millis(), every.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** Milliseconds from {@code now} to the next multiple of {@code step} (a whole step when exactly on one). */
    static long untilNextBoundary(long now, long step) {
        return step - Math.floorMod(now, step);
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("operations-sampler").daemon().factory());
        // the baseline now, the first sample at the next boundary (its interval is shorter, and says so)
        scheduler.execute(this::tick);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}

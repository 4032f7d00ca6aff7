package com.profilebridge.outcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counters for intake and delivery, gauges for the outbox. The gauges read a snapshot that
 * housekeeping refreshes every few seconds, so a Prometheus scrape never queries the database.
 */
@Component
class OutcomeMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> intake = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final Counter retried;
    private final Counter deadLettered;
    private volatile OutboxStats snapshot = new OutboxStats(0, 0, 0, 0);

    OutcomeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.delivered = Counter.builder("outcomes.deliveries").tag("result", "delivered")
                .description("Outbox messages the CDP accepted").register(registry);
        this.retried = Counter.builder("outcomes.deliveries").tag("result", "retry")
                .description("Failed deliveries scheduled for a retry").register(registry);
        this.deadLettered = Counter.builder("outcomes.deliveries").tag("result", "dead")
                .description("Messages moved to dead letters").register(registry);
        Gauge.builder("outcomes.outbox.backlog", () -> snapshot.backlog())
                .description("Outcomes waiting for delivery (settling, due or retrying)").register(registry);
        Gauge.builder("outcomes.outbox.oldest.age", () -> snapshot.oldestPendingSeconds()).baseUnit("seconds")
                .description("Age of the oldest undelivered outcome").register(registry);
        Gauge.builder("outcomes.unattributed", () -> snapshot.unattributed())
                .description("Outcomes parked until their interaction is linked to a customer").register(registry);
        Gauge.builder("outcomes.dead.letters", () -> snapshot.deadLetters())
                .description("Outcomes in dead letters, waiting for a replay").register(registry);
    }

    /** {@code status} is accepted, duplicate (a dedupe hit) or unattributed. */
    void intake(String source, String status) {
        intake.computeIfAbsent(source + "/" + status, k -> Counter.builder("outcomes.intake")
                        .tag("source", source).tag("status", status)
                        .description("Outcome updates received, by status; duplicate = dedupe hits")
                        .register(registry))
                .increment();
    }

    void delivered(int messages) {
        delivered.increment(messages);
    }

    void retried() {
        retried.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void snapshot(OutboxStats stats) {
        this.snapshot = stats;
    }

    OutboxStats snapshot() {
        return snapshot;
    }
}

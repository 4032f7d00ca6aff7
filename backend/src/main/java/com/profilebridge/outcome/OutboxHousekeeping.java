package com.profilebridge.outcome;

import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The outbox's upkeep besides delivery, on Spring's task scheduler with fixed delays from
 * {@code bridge.outcomes.housekeeping.*}: the attribution sweep (parked outcomes whose interaction
 * got linked while no event said so, e.g. a crash between the link and its event) and the purge
 * of old intake records and delivered messages every {@code interval}, and the snapshot behind the
 * outbox gauges every {@code stats-interval}. It runs in the instances that deliver
 * ({@code bridge.outcomes.delivery.enabled}), as it did inside the delivery loop; every instance may
 * run it (each statement is idempotent).
 */
@Component
class OutboxHousekeeping implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxHousekeeping.class);
    /** Parked interactions looked at per sweep; the rest wait for the next one. */
    private static final int SWEEP = 200;

    private final Outbox outbox;
    private final InteractionLinks links;
    private final OutcomeProperties properties;
    private final OutcomeMetrics metrics;
    private final Clock clock;

    OutboxHousekeeping(Outbox outbox, InteractionLinks links, OutcomeProperties properties, OutcomeMetrics metrics,
            Clock clock) {
        this.outbox = outbox;
        this.links = links;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (!properties.delivery().enabled()) {
            return;
        }
        tasks.addFixedDelayTask(() -> safely("housekeeping", this::run), properties.housekeeping().interval());
        tasks.addFixedDelayTask(() -> safely("metric snapshot", this::refreshStats),
                properties.housekeeping().statsInterval());
    }

    /**
     * Attributes parked outcomes whose interaction is linked, purges old intake records and
     * delivered messages and refreshes the metric snapshot. Tests call this with an injected clock.
     */
    void run() {
        Instant now = clock.instant();
        for (Outbox.Interaction parked : outbox.unattributedInteractions(SWEEP)) {
            links.find(parked.interactionId(), parked.organisation()).map(InteractionLink::cdpUserId)
                    .ifPresent(user -> outbox.attribute(parked.organisation(), parked.interactionId(), user));
        }
        outbox.purge(now.minus(properties.dedupeRetention()), now.minus(properties.deliveredRetention()));
        refreshStats();
    }

    void refreshStats() {
        metrics.snapshot(outbox.stats(clock.instant()));
    }

    private static void safely(String task, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // e.g. the database is briefly unreachable: nothing is lost, the next run catches up
            log.warn("Outbox {} failed: {}", task, e.toString());
        }
    }
}

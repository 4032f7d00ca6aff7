package com.profilebridge.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.IntervalTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Housekeeping is scheduled on its own, at the configured delays, and only where delivery runs. */
class OutboxHousekeepingTests {

    @Test
    void runsTheSweepAndTheMetricSnapshotAtTheirConfiguredDelaysWhereDeliveryRuns() {
        ScheduledTaskRegistrar tasks = new ScheduledTaskRegistrar();

        housekeeping(true).configureTasks(tasks);

        assertThat(tasks.getFixedDelayTaskList()).extracting(IntervalTask::getIntervalDuration)
                .containsExactlyInAnyOrder(Duration.ofMinutes(3), Duration.ofSeconds(7));
    }

    @Test
    void isOffInAnInstanceThatDoesNotDeliver() {
        ScheduledTaskRegistrar tasks = new ScheduledTaskRegistrar();

        housekeeping(false).configureTasks(tasks);

        assertThat(tasks.getFixedDelayTaskList()).isEmpty();
    }

    private static OutboxHousekeeping housekeeping(boolean delivery) {
        OutcomeProperties defaults = WebhookSignaturesTests.properties(Map.of());
        OutcomeProperties.Delivery d = defaults.delivery();
        OutcomeProperties properties = new OutcomeProperties(defaults.settleWindow(), defaults.maxSettle(),
                defaults.dedupeRetention(), defaults.deliveredRetention(),
                new OutcomeProperties.Delivery(delivery, d.workers(), d.batchSize(), d.pollInterval(), d.lease(),
                        d.maxAttempts(), d.backoffBase(), d.backoffMax()),
                defaults.webhooks(), defaults.retryWindow(), defaults.maxFutureSkew(), defaults.callers(),
                defaults.intake(), new OutcomeProperties.Housekeeping(Duration.ofMinutes(3), Duration.ofSeconds(7)));
        // nothing runs here: the tasks are only registered
        return new OutboxHousekeeping(null, null, properties, null, Clock.systemUTC());
    }
}

package com.profilebridge.outcome;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outcome pipeline ({@code bridge.outcomes.*}).
 *
 * @param settleWindow how long after an interaction's last update its outcome waits for more
 *     (agents change dispositions after hanging up); the push carries the final state
 * @param maxSettle an interaction that keeps changing is pushed at the latest this long after its
 *     first update, later changes going out as corrections
 * @param dedupeRetention how long intake records (dedupe keys) are kept; longer than the
 *     platforms' retry horizon (EventBridge retries for up to 4 days)
 * @param deliveredRetention how long delivered messages are kept for inspection
 * @param delivery the delivery workers
 * @param webhooks per caller (source), Standard Webhooks signing secrets: when a caller has any,
 *     its requests must carry a valid signature
 * @param retryWindow how long the same body without an event id and without a time of its own is
 *     taken for a retry (CXone repeats a failed action at once); after it, the same body is a new
 *     update of the interaction
 * @param maxFutureSkew how far after arrival an event time may lie (clock skew of the platform);
 *     later ones, and any before 2000, are refused with 400
 * @param callers per caller, which outcome shapes it may send
 * @param intake how concurrent intakes share transactions
 * @param housekeeping the outbox's upkeep besides delivery (runs where delivery does)
 */
@ConfigurationProperties("bridge.outcomes")
record OutcomeProperties(
        @DefaultValue("60s") Duration settleWindow,
        @DefaultValue("10m") Duration maxSettle,
        @DefaultValue("7d") Duration dedupeRetention,
        @DefaultValue("7d") Duration deliveredRetention,
        @DefaultValue Delivery delivery,
        @DefaultValue Map<String, Webhook> webhooks,
        @DefaultValue("30s") Duration retryWindow,
        @DefaultValue("5m") Duration maxFutureSkew,
        @DefaultValue Map<String, Caller> callers,
        @DefaultValue Intake intake,
        @DefaultValue Housekeeping housekeeping) {

    OutcomeProperties {
        webhooks = Map.copyOf(webhooks);
        callers = Map.copyOf(callers);
        if (retryWindow.isNegative() || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("bridge.outcomes.retry-window and max-future-skew must not be negative");
        }
        if (settleWindow.isNegative() || maxSettle.compareTo(settleWindow) < 0) {
            throw new IllegalArgumentException(
                    "bridge.outcomes.max-settle (" + maxSettle + ") must be >= settle-window (" + settleWindow + ")");
        }
        if (dedupeRetention.compareTo(Duration.ofDays(4)) <= 0) {
            throw new IllegalArgumentException("bridge.outcomes.dedupe-retention (" + dedupeRetention
                    + ") must be longer than EventBridge's 4-day retry horizon");
        }
    }

    /**
     * @param enabled run delivery workers in this instance (every instance may: claims are exclusive)
     * @param workers concurrent workers, each claiming its own batch
     * @param batchSize messages claimed per round
     * @param pollInterval pause of an idle worker
     * @param lease how long a claim is held; a worker that dies leaves its messages to be claimed
     *     again after this
     * @param maxAttempts attempts before a message moves to dead letters
     * @param backoffBase first retry delay; doubles per attempt, randomised by +-50 % (RetryBackoff)
     * @param backoffMax upper bound of the retry delay
     */
    record Delivery(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("4") int workers,
            @DefaultValue("100") int batchSize,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("1s") Duration backoffBase,
            @DefaultValue("5m") Duration backoffMax) {

        Delivery {
            if (workers < 1 || batchSize < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("bridge.outcomes.delivery: workers, batch-size and max-attempts must be >= 1");
            }
        }
    }

    /**
     * @param interval between attribution sweeps and purges (safety net and cleanup: no need to run them often)
     * @param statsInterval between refreshes of the outbox gauges (one aggregate query; what dashboards watch)
     */
    record Housekeeping(
            @DefaultValue("1m") Duration interval,
            @DefaultValue("5s") Duration statsInterval) {

        Housekeeping {
            if (!interval.isPositive() || !statsInterval.isPositive()) {
                throw new IllegalArgumentException("bridge.outcomes.housekeeping: interval and stats-interval must be > 0");
            }
        }
    }

    /**
     * @param groupCommit take concurrent new outcomes in one transaction (one commit, one statement
     *     per table for the lot) instead of one transaction each; every 202 still means committed
     * @param committers threads committing such batches, each with a connection of its own
     * @param maxBatch the most outcomes one transaction takes
     */
    record Intake(
            @DefaultValue("true") boolean groupCommit,
            @DefaultValue("4") int committers,
            @DefaultValue("64") int maxBatch) {

        Intake {
            if (committers < 1 || maxBatch < 1) {
                throw new IllegalArgumentException("bridge.outcomes.intake: committers and max-batch must be >= 1");
            }
        }
    }

    /**
     * @param secrets {@code whsec_<base64>} secrets; several during a rotation
     * @param tolerance how far {@code webhook-timestamp} may be from now
     */
    record Webhook(@DefaultValue List<String> secrets, @DefaultValue("5m") Duration tolerance) {}

    /**
     * @param sources the outcome shapes this caller may send: {@code genesys} (the guide's Genesys
     *     webhook, detail events), {@code cxone} (the guide's CXone body), {@code other}; empty = any
     */
    record Caller(@DefaultValue List<String> sources) {

        boolean allows(String source) {
            return sources.isEmpty() || sources.stream().anyMatch(s -> s.strip().equalsIgnoreCase(source));
        }
    }
}

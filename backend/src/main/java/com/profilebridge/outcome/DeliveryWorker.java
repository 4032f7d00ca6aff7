package com.profilebridge.outcome;

import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpDelivery;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.cdp.CdpUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due outbox messages to the CDP. Each worker claims its own batch (exclusive across
 * instances), hands it to the adapter in chunks of the adapter's batch size (Segment's batch call,
 * AEP's streaming batch, Salesforce's ingestion request) and records each message's result
 * ({@link CdpDelivery}): delivered, retry later
 * (exponential backoff with jitter, or the CDP's {@code Retry-After}), or dead letter after the
 * configured attempts or a permanent refusal. When the CDP is unreachable the round stops and the
 * rest of the batch is released without spending an attempt, and the whole instance pauses, so an
 * outage costs one attempt per pause, not one per message. It only delivers: attribution sweeps,
 * purges and the metric snapshot are {@link OutboxHousekeeping}'s.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Outbox outbox;
    private final CdpClient cdp;
    private final OutcomeProperties.Delivery settings;
    private final RetryBackoff backoff;
    private final OutcomeMetrics metrics;
    private final Clock clock;
    private final String instance = "pb-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.EPOCH);
    private final AtomicLong consecutiveFailures = new AtomicLong();
    private volatile boolean running;
    private @Nullable ExecutorService workers;

    DeliveryWorker(Outbox outbox, CdpClient cdp, OutcomeProperties properties, OutcomeMetrics metrics, Clock clock) {
        this.outbox = outbox;
        this.cdp = cdp;
        this.settings = properties.delivery();
        this.backoff = new RetryBackoff(settings.backoffBase(), settings.backoffMax());
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * One round: claims a batch and sends it. Tests drive delivery through this with an injected
     * clock; in the running application the worker threads call it in a loop.
     *
     * @return the number of messages the CDP accepted
     */
    public int runOnce() {
        return runOnce(instance);
    }

    int runOnce(String owner) {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil.get())) {
            return 0;
        }
        List<Outbox.Claimed> batch = outbox.claim(owner, settings.batchSize(), now, now.plus(settings.lease()));
        List<Outbox.Claimed> sent = new ArrayList<>(batch.size());
        int chunkSize = Math.max(1, cdp.maxBatchEvents());
        try {
            for (int from = 0; from < batch.size(); from += chunkSize) {
                List<Outbox.Claimed> chunk = batch.subList(from, Math.min(batch.size(), from + chunkSize));
                if (!publish(chunk, owner, sent)) {
                    // the CDP is in trouble: the rest of the claim goes back without spending an attempt
                    outbox.release(batch.subList(from + chunk.size(), batch.size()), owner);
                    break;
                }
            }
        } finally {
            // what the CDP accepted is marked even when the round stopped early (but not when the
            // process dies: then the lease expires and the same message ids go out again)
            outbox.delivered(sent, owner, clock.instant());
            metrics.delivered(sent.size());
        }
        return sent.size();
    }

    /**
     * Hands one chunk to the adapter and files each message by its result.
     *
     * @return false when the CDP asked us to back off (the round stops and the instance pauses)
     */
    private boolean publish(List<Outbox.Claimed> chunk, String owner, List<Outbox.Claimed> sent) {
        Map<String, CdpDelivery> results;
        try {
            results = cdp.publish(chunk.stream().map(this::toEvent).toList());
        } catch (RuntimeException e) {
            // an adapter that throws instead of answering per message: the whole chunk failed
            String error = e instanceof CdpUnavailable ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            Duration retryAfter = e instanceof CdpUnavailable u ? u.retryAfter().orElse(null) : null;
            chunk.forEach(m -> retryLater(m, owner, error, retryAfter));
            pause(error, retryAfter);
            return false;
        }
        List<Outbox.Claimed> notSent = new ArrayList<>();
        CdpDelivery.RetryLater trouble = null;
        for (Outbox.Claimed m : chunk) {
            CdpDelivery result = results.get(m.messageId());
            switch (result) {
                case CdpDelivery.Delivered delivered -> sent.add(m);
                case CdpDelivery.Refused refused -> {
                    outbox.deadLetter(m, owner, refused.reason());
                    metrics.deadLettered();
                    log.warn("Outcome {} refused by the CDP, moved to dead letters: {}", m.messageId(), refused.reason());
                }
                case CdpDelivery.RetryLater retry -> {
                    retryLater(m, owner, retry.reason(), retry.retryAfter());
                    trouble = trouble == null ? retry : trouble;
                }
                case CdpDelivery.NotSent notSentYet -> notSent.add(m);
                case null -> {
                    CdpDelivery.RetryLater missing = new CdpDelivery.RetryLater("the CDP adapter gave no result", null);
                    retryLater(m, owner, missing.reason(), null);
                    trouble = trouble == null ? missing : trouble;
                }
            }
        }
        outbox.release(notSent, owner);
        if (trouble != null) {
            pause(trouble.reason(), trouble.retryAfter());
            return false;
        }
        consecutiveFailures.set(0);
        return true;
    }

    private void retryLater(Outbox.Claimed m, String owner, String error, @Nullable Duration retryAfter) {
        int attempts = m.attempts() + 1;
        if (attempts >= settings.maxAttempts()) {
            outbox.deadLetter(m, owner, error);
            metrics.deadLettered();
            log.warn("Outcome {} moved to dead letters after {} attempts: {}", m.messageId(), attempts, error);
        } else {
            Duration wait = retryAfter != null ? retryAfter : backoff(attempts);
            outbox.retryLater(m, owner, clock.instant().plus(wait), error);
            metrics.retried();
        }
    }

    /** The whole instance waits: an outage costs one attempt per pause, not one per message. */
    private void pause(String error, @Nullable Duration retryAfter) {
        long failures = consecutiveFailures.incrementAndGet();
        Duration pause = retryAfter != null ? retryAfter : backoff((int) Math.min(failures, 30));
        pausedUntil.set(clock.instant().plus(pause));
        log.info("CDP delivery failed ({}); pausing deliveries for {} ms", error, pause.toMillis());
    }

    Duration backoff(int attempt) {
        return backoff.after(attempt);
    }

    private CdpTrackEvent toEvent(Outbox.Claimed m) {
        // the allowlist again: payloads stored before it existed must not send what it drops now
        Map<String, Object> properties = new LinkedHashMap<>(OutcomeParser.allowlisted(m.payload()));
        properties.put("interactionId", m.interactionId());
        properties.put("revision", m.revision());
        if (m.revision() > 1) {
            properties.put("correctsMessageId", Outbox.messageId(m.organisation(), m.interactionId(), m.revision() - 1));
        }
        return new CdpTrackEvent(m.messageId(), m.userId(), m.eventName(), m.eventTime(), properties);
    }

    private void loop() {
        while (running) {
            try {
                if (runOnce() == 0) {
                    TimeUnit.MILLISECONDS.sleep(settings.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // e.g. the database is briefly unreachable: nothing is lost, try again shortly
                log.warn("Outcome delivery round failed: {}", e.toString());
                try {
                    TimeUnit.MILLISECONDS.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Outcome delivery is disabled in this instance (bridge.outcomes.delivery.enabled=false)");
            return;
        }
        running = true;
        workers = Executors.newFixedThreadPool(settings.workers(), Thread.ofPlatform().name("outcome-delivery-", 0).daemon().factory());
        for (int i = 0; i < settings.workers(); i++) {
            workers.submit(this::loop);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (workers != null) {
            workers.shutdownNow();
            try {
                workers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

package com.profilebridge.outcome;

import com.profilebridge.audit.AuditTrail;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What operators (the ops API, the console's operations page) see and do with the outbox. A
 * replay is audited here, whoever asks, so the console and the REST API cannot record it
 * differently.
 */
@Service
public class OutcomeOperations {

    /** Audit action: an operator put a dead letter back in the queue (one record per message). */
    public static final String OUTCOME_REPLAYED = "OUTCOME_REPLAYED";

    private static final Logger log = LoggerFactory.getLogger(OutcomeOperations.class);

    private final Outbox outbox;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OutcomeOperations(Outbox outbox, AuditTrail audit, TransactionTemplate transactions, Clock clock) {
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<OutboxEntry> deadLetters(int limit) {
        return outbox.list(OutboxStatus.DEAD, limit);
    }

    public List<OutboxEntry> unattributed(int limit) {
        return outbox.list(OutboxStatus.UNATTRIBUTED, limit);
    }

    /**
     * Puts dead letters back in the queue with fresh attempts, keeping their message ids (the CDP
     * dedupes a resend), and records one {@value #OUTCOME_REPLAYED} audit row per message (its
     * customer and interaction; no payload) naming the operator, in one transaction: no record, no
     * change. Nothing requeued (no such dead letter, already replayed, delivered meanwhile) records
     * nothing.
     *
     * @param messageId one message, or all dead letters when null
     * @param actor who asked: the signed-in person, or the integration (its OAuth client) of the ops API
     * @param channel {@link AuditTrail#CONSOLE} or {@link AuditTrail#INTEGRATION_API}
     * @return the requeued messages (as they were before: status {@code DEAD})
     */
    public List<OutboxEntry> replay(@Nullable String messageId, String actor, String channel) {
        List<OutboxEntry> requeued = Objects.requireNonNull(transactions.execute(tx -> {
            List<OutboxEntry> replayed = outbox.replay(messageId, clock.instant());
            audit.recordEach(actor, null, OUTCOME_REPLAYED, replayed.stream()
                    .map(e -> new AuditTrail.Subject(e.cdpUserId(), e.interactionId())).toList(), channel);
            return replayed;
        }));
        log.info("{} replayed {} dead letter(s) through the {} channel", actor, requeued.size(), channel);
        return requeued;
    }

    /** The parked (unattributed) message with this id, if there is one. */
    public Optional<OutboxEntry> parked(String messageId) {
        return outbox.find(messageId, OutboxStatus.UNATTRIBUTED);
    }

    /**
     * Attributes a parked outcome to a customer by hand (an operator who knows who called): every
     * parked message of its interaction becomes due with this id. Joins the caller's transaction, so
     * the caller's audit record and the change commit together.
     *
     * @param cdpUserId the customer; never blank (a message is never sent without one)
     * @return empty when no parked message has this id (never was, or it was attributed meanwhile)
     */
    public Optional<OutcomeAttributed> attribute(String messageId, String cdpUserId) {
        if (cdpUserId.isBlank()) {
            throw new IllegalArgumentException("a parked outcome is attributed to a customer id, never to none");
        }
        return outbox.attributeParked(messageId, cdpUserId);
    }

    public OutboxStats stats() {
        return outbox.stats(clock.instant());
    }
}

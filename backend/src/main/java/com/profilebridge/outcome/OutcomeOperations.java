package com.profilebridge.outcome;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** What operators (the ops API, the console's operations page) see and do with the outbox. */
@Service
public class OutcomeOperations {

    private final Outbox outbox;
    private final Clock clock;

    OutcomeOperations(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public List<OutboxEntry> deadLetters(int limit) {
        return outbox.list(Outbox.DEAD, limit);
    }

    public List<OutboxEntry> unattributed(int limit) {
        return outbox.list(Outbox.UNATTRIBUTED, limit);
    }

    /**
     * Puts dead letters back in the queue with fresh attempts, keeping their message ids. Joins the
     * caller's transaction, so an audit record written in it commits with the change.
     *
     * @param messageId one message, or all dead letters when null
     * @return the requeued messages (as they were before: status {@code DEAD})
     */
    public List<OutboxEntry> replay(@Nullable String messageId) {
        return outbox.replay(messageId, clock.instant());
    }

    /** The parked (unattributed) message with this id, if there is one. */
    public Optional<OutboxEntry> parked(String messageId) {
        return outbox.find(messageId, Outbox.UNATTRIBUTED);
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

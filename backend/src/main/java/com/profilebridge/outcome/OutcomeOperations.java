package com.profilebridge.outcome;

import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** What operators (the ops API, later the supervisor console) see and do with the outbox. */
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
     * Puts dead letters back in the queue with fresh attempts, keeping their message ids.
     *
     * @param messageId one message, or all dead letters when null
     * @return how many were requeued
     */
    public int replay(@Nullable String messageId) {
        return outbox.replay(messageId, clock.instant());
    }

    public OutboxStats stats() {
        return outbox.stats(clock.instant());
    }
}

package com.profilebridge.outcome;

import com.profilebridge.identity.InteractionLinked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A link recorded by resolve releases the interaction's parked outcomes at once. Runs after the
 * link commits and never fails the resolve: if this is missed, housekeeping attributes them.
 */
@Component
class AttributionOnLink {

    private static final Logger log = LoggerFactory.getLogger(AttributionOnLink.class);
    private final Outbox outbox;

    AttributionOnLink(Outbox outbox) {
        this.outbox = outbox;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(InteractionLinked linked) {
        try {
            int released = outbox.attribute(linked.organisation(), linked.interactionId(), linked.cdpUserId());
            if (released > 0) {
                log.info("Attributed {} parked outcome message(s) of a newly linked interaction", released);
            }
        } catch (RuntimeException e) {
            log.warn("Could not attribute parked outcomes now, housekeeping will: {}", e.toString());
        }
    }
}

package com.profilebridge.cdp;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a CDP did with one outcome message of a published batch. The one error taxonomy the outbox
 * acts on, whatever the vendor: delivered; retry later (outage, rate limit, server error, expired
 * credentials that a refresh did not cure), counting an attempt; not sent (the adapter stopped
 * before this message), no attempt spent; refused for its content, straight to dead letters.
 */
public sealed interface CdpDelivery {

    /** Delivered: the CDP has it (and drops a resend of the same message id). */
    static CdpDelivery delivered() {
        return Delivered.INSTANCE;
    }

    /** The CDP took the message. */
    enum Delivered implements CdpDelivery {
        INSTANCE
    }

    /**
     * The CDP did not take it this time; the same message id goes out again later.
     *
     * @param retryAfter how long the CDP asked us to wait ({@code Retry-After}, AEP's
     *     {@code retryAfterMs}), if it said
     */
    record RetryLater(String reason, @Nullable Duration retryAfter) implements CdpDelivery {

        public Optional<Duration> waitHint() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** The adapter stopped before sending this message (an earlier part of the batch failed). */
    record NotSent() implements CdpDelivery {}

    /** Refused for its content (validation, size): sending it again cannot succeed. */
    record Refused(String reason) implements CdpDelivery {}
}

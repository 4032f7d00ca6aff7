package com.profilebridge.cdp;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The CDP did not answer usefully: timeout, refused connection, 5xx, 429 or an unreadable body. */
public class CdpUnavailable extends RuntimeException {

    private final @Nullable Duration retryAfter;

    public CdpUnavailable(String message) {
        this(message, null, null);
    }

    public CdpUnavailable(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** @param retryAfter how long the CDP asked us to wait (429/503 {@code Retry-After}), if it said */
    public CdpUnavailable(String message, @Nullable Throwable cause, @Nullable Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

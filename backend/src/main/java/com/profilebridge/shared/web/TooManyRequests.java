package com.profilebridge.shared.web;

import java.time.Duration;

/** A caller over one of its rate limits: answered 429 with {@code Retry-After} as a problem detail. */
public class TooManyRequests extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequests(String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until a retry may succeed, at least one. */
    public long retryAfterSeconds() {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }
}

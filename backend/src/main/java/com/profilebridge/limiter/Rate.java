package com.profilebridge.limiter;

import java.time.Duration;

/**
 * At most {@code limit} per {@code period}, the whole allowance available at once (a burst of
 * {@code limit}, then one permit every {@code period / limit}).
 */
public record Rate(int limit, Duration period) {

    public Rate {
        if (limit < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate needs a positive limit and period: " + limit + " per " + period);
        }
    }
}

package com.profilebridge.outcome;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * How long an outcome waits before its next attempt: exponential from {@code base}, doubling per
 * attempt up to {@code max}, randomised by +-50 % so that the messages of one outage do not all
 * come back at the same moment. Resilience4j's {@link IntervalFunction} does the arithmetic.
 */
final class RetryBackoff {

    static final double MULTIPLIER = 2.0;
    static final double RANDOMIZATION = 0.5;
    /** Past this many doublings every wait is the maximum; IntervalFunction multiplies once per attempt. */
    private static final int MAX_DOUBLINGS = 64;
    private final IntervalFunction intervals;

    RetryBackoff(Duration base, Duration max) {
        this.intervals = IntervalFunction.ofExponentialRandomBackoff(base, MULTIPLIER, RANDOMIZATION, max);
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} (>= 1) failed ones. */
    Duration after(int attempt) {
        return Duration.ofMillis(intervals.apply(Math.clamp(attempt, 1, MAX_DOUBLINGS)));
    }
}

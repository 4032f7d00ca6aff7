package com.profilebridge.shared;

import java.time.Duration;

/**
 * A point in real (monotonic) time by which an answer is due. Budgets are wall-clock promises to
 * a caller, so they use {@link System#nanoTime()}, not the injected business {@code Clock} that
 * tests move by hand.
 */
public record Deadline(long nanoTime) {

    /** The deadline {@code budget} after {@code startNanos} (a {@link System#nanoTime()} reading). */
    public static Deadline after(long startNanos, Duration budget) {
        return new Deadline(startNanos + budget.toNanos());
    }

    public static Deadline in(Duration budget) {
        return after(System.nanoTime(), budget);
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
    }

    public Deadline minus(Duration margin) {
        return new Deadline(nanoTime - margin.toNanos());
    }
}

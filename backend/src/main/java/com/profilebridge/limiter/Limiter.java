package com.profilebridge.limiter;

import java.time.Duration;

/** A rate limit by key: "at most N per period" for each key (an agent, an integration, a vendor space). */
@FunctionalInterface
public interface Limiter {

    /**
     * Takes one permit for the key, waiting for it at most as long as the limiter was built to wait
     * (zero for request limits).
     *
     * @return zero when granted, else how long until the key's next permit (a {@code Retry-After})
     */
    Duration acquire(String key);

    /** This limiter's budget of one key: what a client spending a single budget (one vendor space) holds. */
    default Budget budget(String key) {
        return () -> acquire(key);
    }

    /** One key's permits. */
    @FunctionalInterface
    interface Budget {

        /** @return zero when granted, else how long until the next permit */
        Duration acquire();
    }
}

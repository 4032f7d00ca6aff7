package com.profilebridge.limiter;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, at most once a minute, that shared limits are deciding per instance because Redis did not
 * answer: an outage would otherwise write a line per request. The count of such decisions is the
 * {@code bridge.ratelimit.fallback} metric.
 */
final class RedisOutage {

    static final Duration WARN_INTERVAL = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(RedisOutage.class);

    private final Clock clock;
    private final AtomicLong nextWarning = new AtomicLong(Long.MIN_VALUE);

    RedisOutage(Clock clock) {
        this.clock = clock;
    }

    /** @return whether this call wrote the warning */
    boolean noticed(String limit, RuntimeException cause) {
        long now = clock.millis();
        long next = nextWarning.get();
        if (now < next || !nextWarning.compareAndSet(next, now + WARN_INTERVAL.toMillis())) {
            return false;
        }
        log.warn("Shared rate limits: Redis did not answer for '{}' ({}); each instance applies its own limits "
                + "until it does (next notice in a minute at the earliest)", limit, cause.getMessage());
        return true;
    }
}

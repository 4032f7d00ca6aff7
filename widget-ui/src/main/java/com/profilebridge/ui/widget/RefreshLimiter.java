package com.profilebridge.ui.widget;

import com.profilebridge.limiter.Limiter;
import com.profilebridge.limiter.Limiters;
import com.profilebridge.limiter.Rate;
import com.profilebridge.widget.WidgetSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * One cache-bypassing Refresh per agent and interval, across all of the agent's widgets: ten open
 * widgets hammering Refresh must not turn into a stream of CDP calls. With Redis (under {@code prod})
 * the interval holds across instances too, since an agent's widgets may be served by different ones;
 * without Redis, or while it does not answer, this instance remembers the last Refresh itself.
 */
@Component
class RefreshLimiter {

    private final Map<String, Instant> last = new ConcurrentHashMap<>();
    private final Duration interval;
    private final Clock clock;
    private final Limiter limiter;

    RefreshLimiter(WidgetSettings settings, Clock clock, Limiters limiters) {
        this.interval = settings.refreshInterval();
        this.clock = clock;
        this.limiter = limiters.shared("widget-refresh", new Rate(1, interval), Duration.ZERO, this::acquireLocally);
    }

    /** Zero when the agent may refresh now (and the refresh is counted), else how long to wait. */
    Duration acquire(String actor) {
        return limiter.acquire(actor);
    }

    private Duration acquireLocally(String actor) {
        Instant now = clock.instant();
        Duration[] wait = {Duration.ZERO};
        last.compute(actor, (a, previous) -> {
            if (previous != null && previous.plus(interval).isAfter(now)) {
                wait[0] = Duration.between(now, previous.plus(interval));
                return previous;
            }
            return now;
        });
        if (last.size() > 10_000) {
            last.values().removeIf(t -> t.plus(interval).isBefore(now)); // forget agents long idle
        }
        return wait[0];
    }
}

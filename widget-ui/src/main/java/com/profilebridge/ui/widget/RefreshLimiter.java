package com.profilebridge.ui.widget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import com.profilebridge.widget.WidgetSettings;

/**
 * One cache-bypassing Refresh per agent and interval, across all of the agent's widgets: ten open
 * widgets hammering Refresh must not turn into a stream of CDP calls.
 */
@Component
class RefreshLimiter {

    private final Map<String, Instant> last = new ConcurrentHashMap<>();
    private final Duration interval;
    private final Clock clock;

    RefreshLimiter(WidgetSettings settings, Clock clock) {
        this.interval = settings.refreshInterval();
        this.clock = clock;
    }

    /** Zero when the agent may refresh now (and the refresh is counted), else how long to wait. */
    Duration acquire(String actor) {
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

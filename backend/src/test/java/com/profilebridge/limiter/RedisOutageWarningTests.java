package com.profilebridge.limiter;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A Redis outage is said in the log at most once a minute, however many requests it touches. */
class RedisOutageWarningTests {

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final RedisOutage outage = new RedisOutage(clock);
    final RuntimeException down = new IllegalStateException("connection refused");

    @Test
    void warnsOnceAMinuteAtMost() {
        assertThat(outage.noticed("integration", down)).isTrue();
        assertThat(outage.noticed("agent", down)).isFalse();
        clock.advance(Duration.ofSeconds(59));
        assertThat(outage.noticed("integration", down)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(outage.noticed("integration", down)).isTrue();
        assertThat(outage.noticed("integration", down)).isFalse();
    }
}

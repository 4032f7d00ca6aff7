package com.profilebridge.cdp.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTests {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void readsSecondsAndNeverWaitsANegativeTime() {
        assertThat(RetryAfter.parse(" 120 ", NOW)).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("-5", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsAnHttpDateAsTheTimeUntilThenAndAPassedDateAsNow() {
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 09:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 08:59:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void anAbsentBlankOrUnreadableValueSaysNothing() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("  ", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
    }
}

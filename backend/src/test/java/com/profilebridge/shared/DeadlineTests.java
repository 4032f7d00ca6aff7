package com.profilebridge.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTests {

    @Test
    void aDeadlineInTheFutureHasTimeLeftUpToItsBudget() {
        Deadline deadline = Deadline.in(Duration.ofSeconds(10));
        assertThat(deadline.remaining()).isGreaterThan(Duration.ofSeconds(9)).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aDeadlineCountsFromTheGivenStartNotFromNow() {
        long arrived = System.nanoTime() - Duration.ofSeconds(4).toNanos();
        Deadline deadline = Deadline.after(arrived, Duration.ofSeconds(5));
        assertThat(deadline.nanoTime()).isEqualTo(arrived + Duration.ofSeconds(5).toNanos());
        assertThat(deadline.remaining()).isLessThanOrEqualTo(Duration.ofSeconds(1)).isPositive();
    }

    @Test
    void aPassedDeadlineHasNoTimeLeftNeverNegative() {
        Deadline deadline = Deadline.after(System.nanoTime() - Duration.ofSeconds(3).toNanos(), Duration.ofSeconds(1));
        assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aMarginMovesTheDeadlineEarlier() {
        Deadline deadline = new Deadline(1_000_000_000L);
        assertThat(deadline.minus(Duration.ofMillis(40)).nanoTime()).isEqualTo(960_000_000L);
    }
}

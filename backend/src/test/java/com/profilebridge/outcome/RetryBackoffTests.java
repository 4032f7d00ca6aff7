package com.profilebridge.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryBackoffTests {

    final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void theFirstRetryWaitsAboutTheBaseDelay() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.after(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
        }
    }

    @Test
    void eachFailedAttemptDoublesTheWait() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.after(4)).isBetween(Duration.ofMillis(4000), Duration.ofMillis(12000));
        }
    }

    @Test
    void theWaitStopsGrowingAtTheMaximum() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.after(30)).isBetween(Duration.ofMillis(150_000), Duration.ofMillis(450_000));
            assertThat(backoff.after(Integer.MAX_VALUE)).isLessThanOrEqualTo(Duration.ofMillis(450_000));
        }
    }

    @Test
    void messagesOfOneOutageDoNotAllComeBackAtTheSameMoment() {
        long distinct = IntStream.range(0, 50).mapToObj(i -> backoff.after(3)).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void aNonPositiveAttemptCountsAsTheFirst() {
        assertThat(backoff.after(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
    }
}

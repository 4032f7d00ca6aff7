package com.profilebridge.cdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class CdpHealthIndicatorTests {

    final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    final FakeCdp cdp = new FakeCdp();
    final CdpHealthIndicator indicator = new CdpHealthIndicator(cdp, breakers);

    @Test
    void aReachableCdpWithAClosedBreakerIsUp() {
        breakers.circuitBreaker("cdp-fake");
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("breaker", "CLOSED").containsEntry("provider", "fake");
    }

    @Test
    void anOpenBreakerIsDegradedAndTheCdpIsLeftAlone() {
        breakers.circuitBreaker("cdp-fake").transitionToOpenState();
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(CdpHealthIndicator.DEGRADED);
        assertThat(health.getDetails()).containsEntry("breaker", "OPEN");
        assertThat(cdp.pings).hasValue(0);
    }

    @Test
    void aForcedOpenBreakerIsDegradedToo() {
        breakers.circuitBreaker("cdp-fake").transitionToForcedOpenState();
        assertThat(indicator.health().getStatus()).isEqualTo(CdpHealthIndicator.DEGRADED);
    }

    @Test
    void aCdpThatDoesNotAnswerIsDegradedEvenWithAClosedBreaker() {
        cdp.reachable = false;
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(CdpHealthIndicator.DEGRADED);
        assertThat(health.getDetails()).containsEntry("breaker", "CLOSED");
    }

    @Test
    void aPingThatThrowsIsDegradedNotAnError() {
        cdp.explode = true;
        assertThat(indicator.health().getStatus()).isEqualTo(CdpHealthIndicator.DEGRADED);
    }

    @Test
    void aHalfOpenBreakerReportsThePing() {
        CircuitBreaker breaker = breakers.circuitBreaker("cdp-fake");
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();
        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("breaker", "HALF_OPEN");
        assertThat(cdp.pings).hasValue(1);
    }

    static final class FakeCdp implements CdpClient {
        boolean reachable = true;
        boolean explode;
        final AtomicInteger pings = new AtomicInteger();

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public CdpMatches lookup(CdpIdentifier identifier) {
            return CdpMatches.none();
        }

        @Override
        public Optional<CdpProfile> profile(String userId) {
            return Optional.empty();
        }

        @Override
        public void track(CdpTrackEvent event) {}

        @Override
        public boolean ping() {
            pings.incrementAndGet();
            if (explode) {
                throw new IllegalStateException("boom");
            }
            return reachable;
        }
    }
}

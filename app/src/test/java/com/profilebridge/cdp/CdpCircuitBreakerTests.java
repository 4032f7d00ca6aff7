package com.profilebridge.cdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profilebridge.testing.MovableClock;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * The CDP circuit breaker as application.yml configures it ("more than 5 failures in 10 s opens it,
 * retry after 30 s"), driven through every transition on an injected clock: no test sleeps.
 *
 * <p>No server is started ({@code MOCK}); {@code NONE} cannot be used because the API security
 * configuration needs a servlet {@code HttpSecurity}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles({"demo", "test"})
class CdpCircuitBreakerTests {

    /** The application's clock: the registered breaker must be built on it. */
    static final MovableClock appClock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return appClock;
        }
    }

    @Autowired
    CircuitBreakerRegistry breakers;

    /** Each test's own clock, on a whole second so the 1 s buckets of the time window are predictable. */
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));
    CircuitBreaker breaker;
    String name;

    @BeforeEach
    void buildBreaker(TestInfo test) {
        name = "cdp-test-" + test.getTestMethod().orElseThrow().getName();
        // exactly what ProfileConfiguration.breaker does for "cdp-<provider>"
        CircuitBreakerConfig base = breakers.getConfiguration("cdp").orElse(breakers.getDefaultConfig());
        breaker = breakers.circuitBreaker(name, CircuitBreakerConfig.from(base).clock(clock).build());
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
    }

    @AfterEach
    void removeBreaker() {
        breakers.remove(name);
    }

    @Test
    void theAppsCdpBreakerHasTheConfiguredRulesAndRunsOnTheInjectedClock() {
        assertThat(breakers.getConfiguration("cdp")).as("resilience4j.circuitbreaker.configs.cdp").isPresent();
        CircuitBreaker registered = breakers.find("cdp-demo").orElseThrow(
                () -> new AssertionError("ProfileConfiguration registers cdp-<provider>; the demo provider is 'demo'"));
        CircuitBreakerConfig config = registered.getCircuitBreakerConfig();

        assertThat(config.getSlidingWindowType()).isEqualTo(SlidingWindowType.TIME_BASED);
        assertThat(config.getSlidingWindowSize()).as("seconds").isEqualTo(10);
        assertThat(config.getMinimumNumberOfCalls()).isEqualTo(6);
        assertThat(config.getFailureRateThreshold()).isEqualTo(50f);
        assertThat(config.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.getSlowCallRateThreshold()).isEqualTo(50f);
        assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).as("open wait, ms").isEqualTo(30_000L);
        assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
        assertThat(config.isAutomaticTransitionFromOpenToHalfOpenEnabled()).isFalse();
        assertThat(config.getMaxWaitDurationInHalfOpenState()).as("probes decide, however long").isEqualTo(Duration.ZERO);
        assertThat(config.getRecordExceptionPredicate().test(new CdpUnavailable("CDP answered HTTP 504"))).isTrue();

        // The injected clock drives the window and the open wait only with the SYNCHRONIZED window:
        // Resilience4j builds a LOCK_FREE time window on its own system clock, ignoring config.getClock().
        assertThat(config.getSlidingWindowSynchronizationStrategy())
                .isEqualTo(SlidingWindowSynchronizationStrategy.SYNCHRONIZED);
        assertThat(config.getClock()).as("ProfileConfiguration passes the Clock bean").isSameAs(appClock);
    }

    @Test
    void fiveFailuresInTenSecondsKeepItClosedAndTheSixthOpensIt() {
        // one failure every 1.8 s: all six inside the 10 s window (10:00:00 .. 10:00:09)
        for (int i = 1; i <= 5; i++) {
            fail();
            clock.advance(Duration.ofMillis(1800));
            assertThat(breaker.getState()).as("after %d failures: fewer than the minimum of 6 calls", i)
                    .isEqualTo(State.CLOSED);
        }
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(5);
        assertThat(breaker.getMetrics().getFailureRate()).as("not evaluated below 6 calls").isEqualTo(-1f);

        fail();

        assertThat(breaker.getState()).isEqualTo(State.OPEN);
    }

    @Test
    void sixFailuresSpreadOverMoreThanTenSecondsNeverOpenIt() {
        // one failure every 3 s: the window never holds more than 4 of them
        for (int i = 1; i <= 12; i++) {
            fail();
            assertThat(breaker.getState()).as("after failure %d at +%d s", i, (i - 1) * 3).isEqualTo(State.CLOSED);
            assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isLessThanOrEqualTo(4);
            clock.advance(Duration.ofSeconds(3));
        }
    }

    @Test
    void failuresOlderThanTenSecondsLeaveTheWindow() {
        for (int i = 0; i < 5; i++) {
            fail();
        }
        clock.advance(Duration.ofSeconds(10));
        fail();
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
    }

    @Test
    void threeFailuresAndThreeSuccessesOpenIt() {
        for (int i = 0; i < 3; i++) {
            succeed();
            fail();
        }
        assertThat(breaker.getMetrics().getFailureRate()).isEqualTo(50f);
        assertThat(breaker.getState()).isEqualTo(State.OPEN);
    }

    @Test
    void twoFailuresAmongSixCallsKeepItClosed() {
        for (int i = 0; i < 2; i++) {
            fail();
            succeed();
            succeed();
        }
        assertThat(breaker.getMetrics().getFailureRate()).isLessThan(50f);
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
    }

    @Test
    void sixCallsSlowerThanOneSecondOpenIt() {
        for (int i = 1; i <= 5; i++) {
            breaker.acquirePermission();
            breaker.onSuccess(1500, TimeUnit.MILLISECONDS);
            assertThat(breaker.getState()).isEqualTo(State.CLOSED);
        }
        breaker.acquirePermission();
        breaker.onSuccess(1500, TimeUnit.MILLISECONDS);

        assertThat(breaker.getMetrics().getNumberOfSlowSuccessfulCalls()).isEqualTo(6);
        assertThat(breaker.getMetrics().getFailureRate()).isZero();
        assertThat(breaker.getState()).isEqualTo(State.OPEN);
    }

    @Test
    void callsTakingExactlyOneSecondAreNotSlow() {
        for (int i = 0; i < 6; i++) {
            breaker.acquirePermission();
            breaker.onSuccess(1000, TimeUnit.MILLISECONDS);
        }
        assertThat(breaker.getMetrics().getNumberOfSlowCalls()).isZero();
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
    }

    @Test
    void onlyCdpUnavailableCountsAsAFailure() {
        // record-exceptions lists only CdpUnavailable: any other exception is recorded as a SUCCESS
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> breaker.executeSupplier(() -> {
                throw new IllegalStateException("not a CDP outage");
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(6);
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
    }

    @Test
    void anOpenBreakerRefusesCallsUntilThirtySecondsHavePassedOnTheClock() {
        open();
        AtomicInteger cdpCalls = new AtomicInteger();

        assertThat(breaker.tryAcquirePermission()).isFalse();
        assertThatThrownBy(() -> breaker.executeSupplier(cdpCalls::incrementAndGet))
                .isInstanceOf(CallNotPermittedException.class);
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquirePermission()).isFalse();
        assertThatThrownBy(() -> breaker.executeSupplier(cdpCalls::incrementAndGet))
                .isInstanceOf(CallNotPermittedException.class);
        assertThat(cdpCalls).as("no call reaches the CDP while open").hasValue(0);

        clock.advance(Duration.ofMillis(1001));
        assertThat(breaker.getState()).as("no automatic transition: it waits for the next call").isEqualTo(State.OPEN);

        assertThat(breaker.executeSupplier(cdpCalls::incrementAndGet)).isEqualTo(1);
        assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void threeSuccessfulProbesCloseIt() {
        openAndWaitThirtySeconds();
        succeed();
        assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
        succeed();
        assertThat(breaker.getState()).as("3 probes decide, not 2").isEqualTo(State.HALF_OPEN);
        succeed();
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquirePermission()).isTrue();
    }

    @Test
    void aFailureMajorityAmongTheProbesReopensIt() {
        openAndWaitThirtySeconds();
        fail();
        assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
        succeed();
        fail();
        assertThat(breaker.getState()).isEqualTo(State.OPEN);

        // and the 30 s wait starts again
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquirePermission()).isFalse();
        clock.advance(Duration.ofMillis(1001));
        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void oneFailedProbeOutOfThreeClosesIt() {
        openAndWaitThirtySeconds();
        fail();
        succeed();
        succeed();
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
    }

    @Test
    void slowProbesReopenIt() {
        openAndWaitThirtySeconds();
        for (int i = 0; i < 3; i++) {
            breaker.acquirePermission();
            breaker.onSuccess(1500, TimeUnit.MILLISECONDS);
        }
        assertThat(breaker.getState()).isEqualTo(State.OPEN);
    }

    @Test
    void aFourthConcurrentProbeIsRefusedWhileThreeAreInFlight() throws Exception {
        openAndWaitThirtySeconds();
        CountDownLatch inFlight = new CountDownLatch(3);
        CountDownLatch cdpAnswers = new CountDownLatch(1);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> probes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                probes.add(callers.submit(() -> breaker.executeSupplier(() -> {
                    inFlight.countDown();
                    await(cdpAnswers);
                    return "profile";
                })));
            }
            assertThat(inFlight.await(10, TimeUnit.SECONDS)).as("three probes reached the CDP").isTrue();
            assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);

            assertThat(breaker.tryAcquirePermission()).isFalse();
            assertThatThrownBy(() -> breaker.executeSupplier(() -> "fourth"))
                    .isInstanceOf(CallNotPermittedException.class);
            assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);

            cdpAnswers.countDown();
            for (Future<String> probe : probes) {
                assertThat(probe.get(10, TimeUnit.SECONDS)).isEqualTo("profile");
            }
        }
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
    }

    @Test
    void durationsOfDecoratedCallsAreMeasuredOnTheSystemTimerNotTheInjectedClock() {
        // Resilience4j times executeSupplier & co. with config.getCurrentTimestampFunction(), which
        // defaults to System.nanoTime() and ignores config.getClock(): moving the clock during a call
        // does not make it slow. (Slow calls in tests need onSuccess(duration, unit) or a real delay.)
        assertThat(breaker.getCircuitBreakerConfig().getTimestampUnit()).isEqualTo(TimeUnit.NANOSECONDS);
        for (int i = 0; i < 6; i++) {
            breaker.executeSupplier(() -> {
                clock.advance(Duration.ofMillis(1500));
                return "profile";
            });
        } // recorded at +1.5 s .. +9 s: all six in one window
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(6);
        assertThat(breaker.getMetrics().getNumberOfSlowCalls()).isZero();
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
    }

    private void fail() {
        breaker.acquirePermission();
        breaker.onError(10, TimeUnit.MILLISECONDS, new CdpUnavailable("CDP answered HTTP 504"));
    }

    private void succeed() {
        breaker.acquirePermission();
        breaker.onSuccess(10, TimeUnit.MILLISECONDS);
    }

    private void open() {
        for (int i = 0; i < 6; i++) {
            fail();
        }
        assertThat(breaker.getState()).isEqualTo(State.OPEN);
    }

    /** Opens the breaker and lets its 30 s pass: the next call is the first half-open probe. */
    private void openAndWaitThirtySeconds() {
        open();
        clock.advance(Duration.ofSeconds(31));
        assertThat(breaker.getState()).isEqualTo(State.OPEN);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the CDP");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package com.profilebridge.limiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Limits shared through the real Redis on 127.0.0.1:6379 by two limiter instances, each with its own
 * connection, as two application instances share them; and what happens when Redis is not there.
 */
class SharedLimiterTests {

    static final Limiter NEVER_ASKED = key -> {
        throw new AssertionError("the local limiter decided although Redis was up");
    };

    final RedisLimiters redis = new RedisLimiters();
    final MeterRegistry metersA = new SimpleMeterRegistry();
    final MeterRegistry metersB = new SimpleMeterRegistry();
    final Limiters instanceA = redis.instance(metersA);
    final Limiters instanceB = redis.instance(metersB);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void twoInstancesSpendOneBudget() {
        Rate rate = new Rate(5, Duration.ofHours(1));
        Limiter a = instanceA.shared("agent", rate, Duration.ZERO, NEVER_ASKED);
        Limiter b = instanceB.shared("agent", rate, Duration.ZERO, NEVER_ASKED);

        for (int i = 0; i < 3; i++) {
            assertThat(a.acquire("genesys:agent-1")).as("A's permit %d", i).isZero();
        }
        for (int i = 0; i < 2; i++) {
            assertThat(b.acquire("genesys:agent-1")).as("B's permit %d", i).isZero();
        }

        // one permit every 12 minutes from here, on either instance
        assertThat(a.acquire("genesys:agent-1")).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(12));
        assertThat(b.acquire("genesys:agent-1")).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(12));
        assertThat(b.acquire("genesys:agent-2")).as("another agent's budget").isZero();
        assertThat(metersA.counter("bridge.ratelimit.refused", "limit", "agent").count()).isEqualTo(1);
    }

    @Test
    void aSecondInstanceRefusesARefreshWithinTheIntervalWithTheTimeLeft() {
        Rate oncePerTenSeconds = new Rate(1, Duration.ofSeconds(10));
        Limiter a = instanceA.shared("agent-refresh", oncePerTenSeconds, Duration.ZERO, NEVER_ASKED);
        Limiter b = instanceB.shared("agent-refresh", oncePerTenSeconds, Duration.ZERO, NEVER_ASKED);

        assertThat(a.acquire("genesys:agent-1")).isZero();

        assertThat(b.acquire("genesys:agent-1")).isGreaterThan(Duration.ofSeconds(9))
                .isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(a.acquire("genesys:agent-1")).isGreaterThan(Duration.ofSeconds(9));
    }

    @Test
    void theOtherInstanceMayRefreshOnceTheIntervalHasPassedOnRedissClock() {
        Duration interval = Duration.ofMillis(400);
        Limiter a = instanceA.shared("agent-refresh", new Rate(1, interval), Duration.ZERO, NEVER_ASKED);
        Limiter b = instanceB.shared("agent-refresh", new Rate(1, interval), Duration.ZERO, NEVER_ASKED);
        long start = System.nanoTime();
        assertThat(a.acquire("cxone:agent-9")).isZero();
        assertThat(b.acquire("cxone:agent-9")).isPositive();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> b.acquire("cxone:agent-9").isZero());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(interval.minusMillis(5));
        assertThat(a.acquire("cxone:agent-9")).as("B's refresh counts for A too").isPositive();
    }

    @Test
    void everyKeyExpiresAndNamesNoAgentOrCaller() {
        Rate rate = new Rate(1200, Duration.ofMinutes(1));
        instanceA.shared("agent", rate, Duration.ZERO, NEVER_ASKED).acquire("console:jane.doe@example.com");
        instanceB.shared("agent", rate, Duration.ZERO, NEVER_ASKED).acquire("genesys:8c1f2a9e-0d4b-4a61-9f3e");
        // a key lives until its next permit is due: at 50,000/s that is 20 us, so a slower rate stays to be seen
        instanceA.shared("integration", new Rate(100, Duration.ofMinutes(1)), Duration.ZERO, NEVER_ASKED)
                .acquire("ivr-demo");

        Set<String> keys = redis.redis().keys(redis.prefix() + "*");

        assertThat(keys).hasSize(3);
        for (String key : keys) {
            assertThat(key.substring(redis.prefix().length())).matches("(agent|integration):[0-9a-f]{32}");
            assertThat(key).doesNotContainIgnoringCase("jane").doesNotContain("genesys", "8c1f", "ivr-demo");
            assertThat(redis.redis().opsForValue().get(key)).matches("[0-9]{16,}"); // the next permit's time, no name
            assertThat(redis.redis().getExpire(key, TimeUnit.MILLISECONDS))
                    .as("PTTL of %s", key).isPositive().isLessThanOrEqualTo(60_000);
        }
    }

    @Test
    void leasedPermitsNeverExceedTheSharedBudgetAndSpareRedisMostRoundTrips() {
        CircuitBreaker callsA = RedisLimiters.breaker();
        CircuitBreaker callsB = RedisLimiters.breaker();
        Rate rate = new Rate(1000, Duration.ofHours(1)); // an instance leases 10 at a time
        Limiter a = redis.instance(RedisLimiters.REDIS_PORT, metersA, callsA).shared("integration", rate, Duration.ZERO,
                NEVER_ASKED);
        Limiter b = redis.instance(RedisLimiters.REDIS_PORT, metersB, callsB).shared("integration", rate, Duration.ZERO,
                NEVER_ASKED);

        int granted = 0;
        for (int i = 0; i < 1200; i++) {
            granted += a.acquire("ivr-demo").isZero() ? 1 : 0;
            granted += b.acquire("ivr-demo").isZero() ? 1 : 0;
        }

        assertThat(granted).as("at most the limit; at most a lease per instance left unspent").isBetween(980, 1000);
        assertThat(callsA.getMetrics().getNumberOfSuccessfulCalls() + callsB.getMetrics().getNumberOfSuccessfulCalls())
                .as("Redis round trips for 2,400 decisions").isLessThanOrEqualTo(110);
    }

    @Test
    void aFloodOverTheLimitAsksRedisOnceUntilTheNextPermitIsDue() {
        CircuitBreaker calls = RedisLimiters.breaker();
        Limiter limiter = redis.instance(RedisLimiters.REDIS_PORT, metersA, calls).shared("agent-refresh",
                new Rate(1, Duration.ofSeconds(10)), Duration.ZERO, NEVER_ASKED);
        assertThat(limiter.acquire("genesys:agent-1")).isZero();

        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("genesys:agent-1")).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
        }

        assertThat(calls.getMetrics().getNumberOfSuccessfulCalls()).as("the grant and the first refusal").isEqualTo(2);
        assertThat(metersA.counter("bridge.ratelimit.refused", "limit", "agent-refresh").count()).isEqualTo(100);
    }

    @Test
    void aVendorLimitWaitsForAPermitRedisGrantsAheadOfTimeAndRefusesBeyondItsWait() {
        Rate rate = new Rate(1, Duration.ofMillis(300));
        Limiter a = instanceA.shared("cdp-segment-profiles", rate, Duration.ofSeconds(1), NEVER_ASKED);
        Limiter b = instanceB.shared("cdp-segment-profiles", rate, Duration.ofSeconds(1), NEVER_ASKED);
        assertThat(a.acquire("spa_1")).isZero();

        long start = System.nanoTime();
        assertThat(b.acquire("spa_1")).as("granted after waiting").isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(200));

        Limiter hourly = instanceB.shared("cdp-adobe-events", new Rate(1, Duration.ofHours(1)), Duration.ofMillis(100),
                NEVER_ASKED);
        assertThat(hourly.acquire("org/prod")).isZero();
        start = System.nanoTime();
        assertThat(hourly.acquire("org/prod")).isGreaterThan(Duration.ofMinutes(59));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused without waiting")
                .isLessThan(Duration.ofMillis(100));
    }

    @Test
    void withRedisUnreachableTheInstancesOwnLimiterDecidesAtOnce() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Limiters alone = redis.instance(closedPort, metersA);
        Rate rate = new Rate(2, Duration.ofHours(1));
        Limiter limiter = alone.shared("agent", rate, Duration.ZERO, alone.local("agent", rate, 100));

        long start = System.nanoTime();
        assertThat(limiter.acquire("genesys:agent-1")).isZero();
        assertThat(limiter.acquire("genesys:agent-1")).isZero();
        assertThat(limiter.acquire("genesys:agent-1")).isPositive();
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.acquire("genesys:agent-" + (i + 2))).isZero();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("23 decisions without Redis")
                .isLessThan(Duration.ofSeconds(2));
        assertThat(metersA.counter("bridge.ratelimit.fallback", "limit", "agent").count()).isEqualTo(23);
        assertThat(metersA.counter("bridge.ratelimit.refused", "limit", "agent").count()).isEqualTo(1);
    }

    @Test
    void aVendorsLocalFallbackIsItsShareAmongTheExpectedInstances() {
        assertThat(instanceA.localShare(90)).as("2 expected instances").isEqualTo(45);
        assertThat(instanceA.localShare(1)).isEqualTo(1);
        assertThat(Limiters.inMemory().localShare(90)).as("one instance, no Redis").isEqualTo(90);
    }
}

package com.profilebridge.limiter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Not a test: what a shared limit adds to a request against the in-memory limiter it replaces, on
 * the machine's Redis (127.0.0.1:6379) over one shared Lettuce connection with the production timeout
 * (25 ms): a limit Redis decides every call of (one {@code EVALSHA} round trip: the vendors' limits),
 * a leased one (the request limits, under their limit) and a refused one (a flood over the limit).
 * One key per thread (one caller each). Round 0 warms up; round 1 is the figure. Command and
 * results: docs/BENCHMARKS.md ("Shared rate limits").
 *
 * <p>Arguments: {@code - <calls per thread> <threads>}.
 */
final class SharedLimiterLatencyBenchmark {

    /** Asked when Redis did not answer within 25 ms: counted (bridge.ratelimit.fallback), granting. */
    private static final Limiter NOT_ASKED = key -> Duration.ZERO;

    private SharedLimiterLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        LettuceConnectionFactory connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        connections.afterPropertiesSet();
        connections.start();
        String prefix = "pb-bench:rl:" + UUID.randomUUID() + ":";
        MeterRegistry meters = new SimpleMeterRegistry();
        Limiters redis = Limiters.redis(connections, prefix, RedisLimiters.KEY_SECRET, Duration.ofMillis(25), 1,
                RedisLimiters.breaker(), Clock.systemUTC(), meters);
        Limiters memory = Limiters.inMemory();
        // never reached by the loop, so every call is granted; 1 ms wait: a limit Redis decides every call of
        Rate unreached = new Rate(100_000_000, Duration.ofSeconds(1));
        Limiter local = memory.local("integration", unreached, 1000);
        Limiter exact = redis.shared("exact", unreached, Duration.ofMillis(1), NOT_ASKED);
        Limiter leased = redis.shared("leased", unreached, Duration.ZERO, NOT_ASKED);
        Limiter flooded = redis.shared("flooded", new Rate(1, Duration.ofHours(1)), Duration.ZERO, NOT_ASKED);
        redis.warmUp(Duration.ofSeconds(2));
        try {
            for (int round = 0; round < 2; round++) {
                report(round, "in memory", run(local, calls, threads), 0);
                report(round, "Redis, each call", run(exact, calls, threads), fallbacks(meters, "exact"));
                report(round, "Redis, leased", run(leased, calls, threads), fallbacks(meters, "leased"));
                report(round, "Redis, refused", run(flooded, calls, threads), fallbacks(meters, "flooded"));
            }
        } finally {
            connections.destroy();
        }
    }

    /** Each thread asks for its own caller's permits (as one IVR integration per thread). */
    private static long[] run(Limiter limiter, int calls, int threads) throws Exception {
        long[] nanos = new long[calls * threads];
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int offset = t * calls;
                String caller = "caller-" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        long before = System.nanoTime();
                        limiter.acquire(caller);
                        nanos[offset + i] = System.nanoTime() - before;
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            long elapsed = System.nanoTime() - start;
            long[] result = Arrays.copyOf(nanos, nanos.length + 1);
            result[nanos.length] = elapsed;
            return result;
        }
    }

    /** Decisions so far that Redis did not make in time (the breaker open, or 25 ms passed). */
    private static long fallbacks(MeterRegistry meters, String limit) {
        return (long) meters.counter("bridge.ratelimit.fallback", "limit", limit).count();
    }

    private static void report(int round, String what, long[] result, long fallbacks) {
        long elapsed = result[result.length - 1];
        long[] nanos = Arrays.copyOf(result, result.length - 1);
        Arrays.sort(nanos);
        System.out.printf("round %d %-16s %,10d calls/s  p50 %6.1f us  p99 %7.1f us  p99.9 %8.1f us  max %8.1f us"
                + "  fallbacks so far %d%n", round, what, (long) (nanos.length / (elapsed / 1e9)), at(nanos, 0.50),
                at(nanos, 0.99), at(nanos, 0.999), nanos[nanos.length - 1] / 1e3, fallbacks);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1e3;
    }
}

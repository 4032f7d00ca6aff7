package com.profilebridge.limiter;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Application instances' limiters for tests: each {@link #instance} has its own Lettuce connection
 * (as another JVM would), all on the machine's Redis under a key prefix of their own. Close it after.
 */
public final class RedisLimiters implements AutoCloseable {

    public static final String KEY_SECRET = "limiter-test-key-secret-0123456789";
    public static final int REDIS_PORT = 6379;

    private final String prefix = "pb-test:rl:" + UUID.randomUUID() + ":";
    private final List<LettuceConnectionFactory> connections = new ArrayList<>();
    private final StringRedisTemplate redis = new StringRedisTemplate(connect(REDIS_PORT));

    /** The prefix every key of this fixture's limiters starts with. */
    public String prefix() {
        return prefix;
    }

    /** Direct access to the Redis the limiters use, to look at their keys. */
    public StringRedisTemplate redis() {
        return redis;
    }

    /** One application instance's limiters on the machine's Redis. */
    public Limiters instance(MeterRegistry meters) {
        return instance(REDIS_PORT, meters);
    }

    /**
     * One instance's limiters on Redis at {@code port}; a generous timeout, since these tests are about
     * what is shared, not about how fast (a busy 2-core machine would otherwise fall back now and then).
     */
    public Limiters instance(int port, MeterRegistry meters) {
        return instance(port, meters, breaker());
    }

    /** One instance's limiters, asking Redis through this breaker (whose metrics count the calls). */
    public Limiters instance(int port, MeterRegistry meters, CircuitBreaker breaker) {
        return Limiters.redis(connect(port), prefix, KEY_SECRET, Duration.ofSeconds(1), 2, breaker,
                Clock.systemUTC(), meters);
    }

    /** As the {@code redis} breaker configuration in application.yml. */
    static CircuitBreaker breaker() {
        return CircuitBreaker.of("redis-ratelimit", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .build());
    }

    private LettuceConnectionFactory connect(int port) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofSeconds(2))
                .clientOptions(ClientOptions.builder()
                        .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
                        .build())
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", port), client);
        factory.afterPropertiesSet();
        factory.start();
        connections.add(factory);
        return factory;
    }

    @Override
    public void close() {
        var keys = redis.keys(prefix + "*");
        if (!keys.isEmpty()) {
            redis.delete(keys);
        }
        connections.forEach(LettuceConnectionFactory::destroy);
    }
}

package com.profilebridge.limiter;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimiterProperties.class)
class LimiterConfiguration {

    /** The Redis key secret the profile cache uses; limiter keys use a key derived from it. */
    static final String KEY_SECRET = "bridge.cache.redis.key-secret";
    private static final int MIN_SECRET_LENGTH = 16;

    @Bean
    Limiters limiters(LimiterProperties properties, Environment environment, Clock clock, MeterRegistry meters,
            ObjectProvider<RedisConnectionFactory> connections, ObjectProvider<CircuitBreakerRegistry> breakers) {
        boolean shared = properties.enabled() != null ? properties.enabled()
                : environment.getProperty("bridge.cache.redis.enabled", Boolean.class, false);
        if (!shared) {
            return Limiters.inMemory(clock, meters);
        }
        if (!(connections.getIfAvailable() instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalStateException("Refusing to start: shared rate limits need Spring Data Redis's Lettuce "
                    + "connection factory (spring.data.redis.*)");
        }
        String secret = environment.getProperty(KEY_SECRET, "").strip();
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("Refusing to start: shared rate limits (Redis) need " + KEY_SECRET
                    + " (BRIDGE_CACHE_REDIS_KEYSECRET) of at least " + MIN_SECRET_LENGTH
                    + " characters; limiter keys are HMACs of agent and caller names under it");
        }
        CircuitBreakerRegistry registry = breakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults);
        CircuitBreakerConfig base = registry.getConfiguration("redis").orElse(registry.getDefaultConfig());
        CircuitBreaker breaker = registry.circuitBreaker("redis-ratelimit",
                CircuitBreakerConfig.from(base).clock(clock).build());
        return Limiters.redis(lettuce, properties.keyPrefix(), secret, properties.timeout(),
                properties.expectedInstances(), breaker, clock, meters);
    }

    /**
     * Connects and loads the script before the instance reports ready: the first connection on a cold
     * JVM takes far longer than the limiter's timeout. A failure is only logged (limits stay per
     * instance until Redis answers).
     */
    @EventListener(ApplicationStartedEvent.class)
    void warmUp(ApplicationStartedEvent event) {
        Limiters limiters = event.getApplicationContext().getBean(Limiters.class);
        if (!limiters.sharedThroughRedis()) {
            return;
        }
        try {
            limiters.warmUp(Duration.ofSeconds(2));
            LoggerFactory.getLogger(LimiterConfiguration.class).info("Shared rate limits: Redis connected");
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(LimiterConfiguration.class).warn(
                    "Shared rate limits: Redis not reachable at start-up; limits are per instance until it is: {}",
                    e.getMessage());
        }
    }
}

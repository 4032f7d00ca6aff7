package com.profilebridge.profile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.masking.PiiMasker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProfileCacheProperties.class)
class ProfileConfiguration {

    @Bean
    SharedProfileStore sharedProfileStore(ProfileCacheProperties properties, ObjectProvider<StringRedisTemplate> redis,
            JsonMapper json, CircuitBreakerRegistry breakers, Clock clock, Environment environment) {
        return properties.redis().enabled()
                ? new RedisProfileStore(redis.getObject(), json, properties.redis().keyPrefix(),
                        new CacheKeys(keySecret(properties.redis(), environment)),
                        breaker(breakers, "redis", "redis", clock))
                : SharedProfileStore.NONE;
    }

    /**
     * The Redis key secret: required whenever Redis is on (it is in {@code prod}), and never the
     * demo's published value under {@code prod}. Fails the start-up, naming the variable.
     */
    static String keySecret(ProfileCacheProperties.Redis redis, Environment environment) {
        String secret = redis.keySecret() == null ? "" : redis.keySecret().strip();
        if (secret.length() < CacheKeys.MIN_SECRET_LENGTH) {
            throw new IllegalStateException("Refusing to start: the Redis cache is enabled but "
                    + "bridge.cache.redis.key-secret (BRIDGE_CACHE_REDIS_KEYSECRET) is missing or shorter than "
                    + CacheKeys.MIN_SECRET_LENGTH + " characters; Redis keys are HMACs of phone numbers and e-mails "
                    + "under this secret");
        }
        if (secret.equals(CacheKeys.DEMO_SECRET) && environment.matchesProfiles("prod")) {
            throw new IllegalStateException("Refusing to start with the prod profile: bridge.cache.redis.key-secret "
                    + "(BRIDGE_CACHE_REDIS_KEYSECRET) is the demo's published value");
        }
        return secret;
    }

    @Bean
    ProfileService profileService(
            CdpClient cdp,
            PiiMasker masker,
            CircuitBreakerRegistry breakers,
            Clock clock,
            ProfileCacheProperties properties,
            MeterRegistry meters,
            SharedProfileStore shared,
            ObjectProvider<NegativeEntryQuota> negativeQuota) {
        // Caffeine runs on the same injected clock as the breaker and the freshness checks. An entry
        // lives until its data is too old to serve: a day for profiles, the negative TTL for "nobody".
        Cache<String, CachedMatches> local = Caffeine.newBuilder()
                .maximumSize(properties.maxEntries())
                .expireAfter(Expiry.<String, CachedMatches>writing((key, entry) -> {
                    Duration keep = entry.profiles().isEmpty() ? properties.negativeTtl() : properties.staleMaxAge();
                    Duration left = keep.minus(Duration.between(entry.fetchedAt(), clock.instant()));
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        CircuitBreaker breaker = breaker(breakers, cdp.breakerName(), "cdp", clock);
        // Every transition is logged and counted: an opening breaker is an incident worth a page.
        breaker.getEventPublisher().onStateTransition(event -> {
            var transition = event.getStateTransition();
            meters.counter("bridge.cdp.breaker.transitions", "provider", cdp.name(),
                    "from", transition.getFromState().name(), "to", transition.getToState().name()).increment();
            LoggerFactory.getLogger(ProfileService.class).warn("CDP {} circuit breaker: {} -> {}", cdp.name(),
                    transition.getFromState(), transition.getToState());
        });
        return new ProfileService(cdp, masker, local, shared, breaker,
                negativeQuota.getIfAvailable(() -> NegativeEntryQuota.UNLIMITED), clock, properties, meters);
    }

    /**
     * Eviction on every instance: through Redis pub/sub when the shared cache is on, else in this
     * instance's memory only (the embedded default runs one instance).
     */
    @Bean
    ProfileInvalidation profileInvalidation(SharedProfileStore shared, ProfileService profiles,
            ObjectProvider<LocalIdentifierCache> otherCaches, ObjectProvider<StringRedisTemplate> redis, JsonMapper json) {
        MemoryCaches memory = new MemoryCaches(profiles, otherCaches.orderedStream().toList());
        return shared instanceof RedisProfileStore store
                ? new RedisProfileInvalidation(redis.getObject(), store, memory, json)
                : new LocalProfileInvalidation(memory);
    }

    /** Every instance listens for the others' evictions (reconnecting by itself when Redis was away). */
    @Bean
    @ConditionalOnBooleanProperty("bridge.cache.redis.enabled")
    RedisMessageListenerContainer profileInvalidationListener(RedisConnectionFactory connections,
            ProfileInvalidation invalidation) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        if (invalidation instanceof RedisProfileInvalidation redis) {
            container.addMessageListener(redis, redis.topic());
        }
        return container;
    }

    /** A breaker from the named configuration (or the default one), on the injected clock. */
    static CircuitBreaker breaker(CircuitBreakerRegistry breakers, String name, String configName, Clock clock) {
        CircuitBreakerConfig base = breakers.getConfiguration(configName).orElse(breakers.getDefaultConfig());
        return breakers.circuitBreaker(name, CircuitBreakerConfig.from(base).clock(clock).build());
    }

}

package com.profilebridge.profile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.profilebridge.cdp.CdpClient;
import com.profilebridge.masking.PiiMasker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProfileCacheProperties.class)
class ProfileConfiguration {

    @Bean
    SharedProfileStore sharedProfileStore(ProfileCacheProperties properties, ObjectProvider<StringRedisTemplate> redis,
            JsonMapper json, CircuitBreakerRegistry breakers, Clock clock) {
        return properties.redis().enabled()
                ? new RedisProfileStore(redis.getObject(), json, properties.redis().keyPrefix(),
                        breaker(breakers, "redis", "redis", clock))
                : SharedProfileStore.NONE;
    }

    @Bean
    ProfileService profileService(
            CdpClient cdp,
            PiiMasker masker,
            CircuitBreakerRegistry breakers,
            Clock clock,
            ProfileCacheProperties properties,
            MeterRegistry meters,
            SharedProfileStore shared) {
        // Caffeine runs on the same injected clock as the breaker and the freshness checks.
        Cache<String, CachedMatches> local = Caffeine.newBuilder()
                .maximumSize(properties.maxEntries())
                .expireAfterWrite(properties.staleMaxAge())
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
        return new ProfileService(cdp, masker, local, shared, breaker, clock, properties, meters);
    }

    /** A breaker from the named configuration (or the default one), on the injected clock. */
    static CircuitBreaker breaker(CircuitBreakerRegistry breakers, String name, String configName, Clock clock) {
        CircuitBreakerConfig base = breakers.getConfiguration(configName).orElse(breakers.getDefaultConfig());
        return breakers.circuitBreaker(name, CircuitBreakerConfig.from(base).clock(clock).build());
    }

}

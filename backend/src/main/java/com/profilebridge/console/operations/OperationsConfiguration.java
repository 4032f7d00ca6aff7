package com.profilebridge.console.operations;

import com.profilebridge.profile.ProfileCacheProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations history: shared through Redis whenever the Redis cache is on (the same switch that
 * makes the profile cache and its invalidations shared, {@code bridge.cache.redis.enabled}: on in
 * {@code prod}), this process's memory otherwise (the embedded default runs one instance).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperationsProperties.class)
class OperationsConfiguration {

    @Bean
    OperationsInstance operationsInstance(OperationsProperties properties, Environment environment) {
        return OperationsInstance.started(properties.instanceName(), environment.getProperty("HOSTNAME", ""));
    }

    @Bean
    @ConditionalOnBooleanProperty("bridge.cache.redis.enabled")
    OperationsHistory redisOperationsHistory(ObjectProvider<StringRedisTemplate> redis, JsonMapper json,
            ProfileCacheProperties cache, OperationsProperties properties, OperationsInstance self, Clock clock) {
        return new RedisOperationsHistory(redis.getObject(), json, properties.redisKeyPrefix(cache.redis().keyPrefix()),
                self, properties, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    OperationsHistory operationsHistory(OperationsProperties properties, OperationsInstance self) {
        return new InMemoryOperationsHistory(self, properties.samples(), properties.transitionsKept());
    }
}

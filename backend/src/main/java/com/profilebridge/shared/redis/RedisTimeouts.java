package com.profilebridge.shared.redis;

import io.lettuce.core.TimeoutOptions;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Two bounds for Redis instead of one. Lettuce takes the connection handshake's timeout (HELLO,
 * AUTH, CLIENT SETNAME) from the URI's timeout, which Spring sets from {@code spring.data.redis.timeout};
 * with the IVR's 100 ms there, an instance on a busy machine could fail to connect at start-up and
 * refuse to start. So {@code spring.data.redis.timeout} is the handshake's bound (a second), and every
 * command is bounded by {@code bridge.redis.command-timeout} (100 ms: a slow or dead Redis degrades the
 * cache to L1 and the limits to their local fallback rather than holding a call).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisTimeouts.Properties.class)
public class RedisTimeouts {

    /** @param commandTimeout the longest any Redis command may take ({@code BRIDGE_REDIS_COMMANDTIMEOUT}) */
    @ConfigurationProperties("bridge.redis")
    public record Properties(@DefaultValue("100ms") Duration commandTimeout) {}

    @Bean
    LettuceClientOptionsBuilderCustomizer redisCommandTimeout(Properties properties) {
        return options -> options.timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()));
    }
}

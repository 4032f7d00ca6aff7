package com.profilebridge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.profilebridge.limiter.RedisLimiters;
import com.profilebridge.ratelimit.RateLimitProperties.Limit;
import com.profilebridge.ratelimit.RateLimitProperties.Scope;
import com.profilebridge.shared.web.TooManyRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The request limits of two application instances on one Redis (127.0.0.1:6379): the agent's
 * Refresh, the agent's and the integration's request limits are one budget; a limit configured per
 * instance is not.
 */
class SharedRateLimitsTests {

    final RedisLimiters redis = new RedisLimiters();

    @AfterEach
    void close() {
        redis.close();
    }

    RateLimits instance(RateLimitProperties properties) {
        return RateLimitConfiguration.rateLimits(properties, redis.instance(new SimpleMeterRegistry()));
    }

    static RateLimitProperties integrationLimit(Limit integration) {
        return new RateLimitProperties(true, integration, null, null, null, null, 200, List.of(), 1000);
    }

    @Test
    void anAgentsRefreshOnOneInstanceIsRefusedOnTheOtherForTheRestOfTheTenSeconds() {
        RateLimitProperties defaults = integrationLimit(null);
        RateLimits a = instance(defaults);
        RateLimits b = instance(defaults);

        a.checkAgent("genesys:agent-7", true);

        assertThatThrownBy(() -> b.checkAgent("genesys:agent-7", true)).isInstanceOfSatisfying(TooManyRequests.class,
                e -> assertThat(e.retryAfterSeconds()).isBetween(9L, 10L));
        assertThatCode(() -> b.checkAgent("genesys:agent-7", false)).as("requests without refresh").doesNotThrowAnyException();
        assertThatCode(() -> b.checkAgent("genesys:agent-8", true)).as("another agent").doesNotThrowAnyException();
    }

    @Test
    void anIntegrationsRequestsCountOnceAcrossInstances() {
        RateLimitProperties three = integrationLimit(Limit.of(3, Duration.ofHours(1)));
        RateLimits a = instance(three);
        RateLimits b = instance(three);

        a.checkIntegration(new MockHttpServletRequest(), "ivr-demo");
        a.checkIntegration(new MockHttpServletRequest(), "ivr-demo");
        b.checkIntegration(new MockHttpServletRequest(), "ivr-demo");

        assertThatThrownBy(() -> b.checkIntegration(new MockHttpServletRequest(), "ivr-demo"))
                .isInstanceOf(TooManyRequests.class);
        assertThatThrownBy(() -> a.checkIntegration(new MockHttpServletRequest(), "ivr-demo"))
                .isInstanceOf(TooManyRequests.class);
    }

    @Test
    void aLimitConfiguredPerInstanceIsCountedByEachInstanceAlone() {
        RateLimitProperties perInstance = integrationLimit(new Limit(2, Duration.ofHours(1), Scope.INSTANCE));
        RateLimits a = instance(perInstance);
        RateLimits b = instance(perInstance);
        a.checkIntegration(new MockHttpServletRequest(), "ivr-demo");
        a.checkIntegration(new MockHttpServletRequest(), "ivr-demo");
        assertThatThrownBy(() -> a.checkIntegration(new MockHttpServletRequest(), "ivr-demo"))
                .isInstanceOf(TooManyRequests.class);

        assertThatCode(() -> b.checkIntegration(new MockHttpServletRequest(), "ivr-demo")).doesNotThrowAnyException();
        assertThat(redis.redis().keys(redis.prefix() + "*")).isEmpty();
    }

    @Test
    void requestLimitsAreSharedByDefaultAndTheScopeCanBeSetFromTheEnvironment() {
        RateLimitProperties defaults = bind(Map.of());
        assertThat(List.of(defaults.integration(), defaults.agent(), defaults.agentRefresh()))
                .extracting(Limit::scope).containsOnly(Scope.SHARED);
        assertThat(List.of(defaults.tokenValidation(), defaults.negativeEntries()))
                .extracting(Limit::scope).containsOnly(Scope.INSTANCE);

        RateLimitProperties configured = bind(Map.of("BRIDGE_RATELIMIT_INTEGRATION_LIMIT", "100",
                "BRIDGE_RATELIMIT_INTEGRATION_PERIOD", "1s", "BRIDGE_RATELIMIT_INTEGRATION_SCOPE", "instance"));
        assertThat(configured.integration()).isEqualTo(new Limit(100, Duration.ofSeconds(1), Scope.INSTANCE));
    }

    private static RateLimitProperties bind(Map<String, Object> environment) {
        var env = new StandardEnvironment(); // its real variables replaced: only Boot's env mapping is wanted
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environment));
        return new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("bridge.rate-limit",
                RateLimitProperties.class);
    }
}

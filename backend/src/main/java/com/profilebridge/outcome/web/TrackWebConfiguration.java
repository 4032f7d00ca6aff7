package com.profilebridge.outcome.web;

import com.profilebridge.outcome.OutcomeIntake;
import com.profilebridge.ratelimit.RateLimits;
import com.profilebridge.security.CallerAuthenticator;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "bridge.outcomes.fast-path", matchIfMissing = true)
class TrackWebConfiguration {

    /** Where the resolve fast path sits: after the correlation id and body filters, before Spring Security. */
    static final int FAST_PATH_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    /** The track fast path ({@code bridge.outcomes.fast-path}, on by default), mapped to its one path. */
    @Bean
    FilterRegistrationBean<TrackFastPath> trackFastPath(CallerAuthenticator callers, OutcomeIntake intake,
            RateLimits limits, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new TrackFastPath(callers, intake, limits, json));
        registration.setOrder(FAST_PATH_ORDER);
        registration.addUrlPatterns(TrackFastPath.PATH);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}

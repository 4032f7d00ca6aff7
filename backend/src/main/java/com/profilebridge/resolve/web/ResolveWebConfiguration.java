package com.profilebridge.resolve.web;

import com.profilebridge.ratelimit.RateLimits;
import com.profilebridge.resolve.ResolveEndpoint;
import com.profilebridge.security.CallerAuthenticator;
import com.profilebridge.shared.web.CorrelationIdFilter;
import com.profilebridge.shared.web.IntegrationBodies;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "bridge.resolve.fast-path", matchIfMissing = true)
class ResolveWebConfiguration {

    /**
     * Right behind the frame-ancestors header and the character encoding (highest precedence), before
     * the correlation id ({@link CorrelationIdFilter#ORDER}) and every other filter.
     */
    static final int FAST_PATH_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;
    /** Where {@code http.server.requests} is observed: behind the edge checks and body filters (+5, +10). */
    static final int OBSERVATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 21;

    /**
     * The resolve fast path ({@code bridge.resolve.fast-path}, on by default): mapped to the one
     * path only, ahead of the application's own filters and Spring Security's chain.
     */
    @Bean
    FilterRegistrationBean<ResolveFastPath> resolveFastPath(CallerAuthenticator callers, ResolveEndpoint resolve,
            RateLimits limits, IntegrationBodies bodies, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new ResolveFastPath(callers, resolve, limits, bodies, json));
        registration.setOrder(FAST_PATH_ORDER);
        registration.addUrlPatterns(ResolveFastPath.PATH);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /**
     * Boot puts the {@code http.server.requests} observation first (+1); it moves behind the fast
     * path. A resolve answer is measured by {@code bridge_resolve_latency_seconds} (by profile
     * source) already, and observing it twice was a tenth of a cache hit's CPU. Every request the
     * fast path does not answer (errors included, other endpoints) is observed as before.
     */
    @Bean
    static BeanPostProcessor observationBehindResolveFastPath() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof FilterRegistrationBean<?> registration
                        && registration.getFilter() instanceof ServerHttpObservationFilter) {
                    registration.setOrder(OBSERVATION_ORDER);
                }
                return bean;
            }
        };
    }
}

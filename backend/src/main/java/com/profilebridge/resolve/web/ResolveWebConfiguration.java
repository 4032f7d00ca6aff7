package com.profilebridge.resolve.web;

import com.profilebridge.ratelimit.RateLimits;
import com.profilebridge.resolve.ResolveEndpoint;
import com.profilebridge.security.CallerAuthenticator;
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

    static final int FAST_PATH_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    /**
     * The resolve fast path ({@code bridge.resolve.fast-path}, on by default): mapped to the one
     * path only, after the correlation id (highest precedence) and body (+10) filters and before
     * Spring Security's chain.
     */
    @Bean
    FilterRegistrationBean<ResolveFastPath> resolveFastPath(CallerAuthenticator callers, ResolveEndpoint resolve,
            RateLimits limits, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new ResolveFastPath(callers, resolve, limits, json));
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
                    registration.setOrder(FAST_PATH_ORDER + 1);
                }
                return bean;
            }
        };
    }
}

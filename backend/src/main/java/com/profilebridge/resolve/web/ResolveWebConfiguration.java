package com.profilebridge.resolve.web;

import com.profilebridge.resolve.ResolveEndpoint;
import com.profilebridge.security.CallerAuthenticator;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ResolveWebConfiguration {

    /**
     * The resolve fast path ({@code bridge.resolve.fast-path}, on by default): mapped to the one
     * path only, after the correlation id (highest precedence), observation (+1) and body (+10)
     * filters and before Spring Security's chain.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "bridge.resolve.fast-path", matchIfMissing = true)
    FilterRegistrationBean<ResolveFastPath> resolveFastPath(CallerAuthenticator callers, ResolveEndpoint resolve,
            JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new ResolveFastPath(callers, resolve, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns(ResolveFastPath.PATH);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}

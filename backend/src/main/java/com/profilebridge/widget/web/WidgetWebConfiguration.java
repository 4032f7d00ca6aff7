package com.profilebridge.widget.web;

import com.profilebridge.widget.WidgetProperties;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The handshake's filter chain and the CSP filter. The handshake authenticates by the platform token
 * in its body, so its chain permits the request and the controller decides; no CSRF token exists
 * yet at that point, the controller checks the {@code Origin} instead.
 */
@Configuration(proxyBeanMethods = false)
class WidgetWebConfiguration {

    @Bean
    FilterRegistrationBean<FrameAncestorsFilter> frameAncestorsFilter(WidgetProperties properties,
            Environment environment) {
        var registration = new FilterRegistrationBean<>(
                new FrameAncestorsFilter(properties.frameAncestors(), environment::resolvePlaceholders));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC,
                DispatcherType.FORWARD);
        return registration;
    }

    /** Before Spring Security's filter, which would otherwise load the expired session's security context. */
    @Bean
    FilterRegistrationBean<WidgetSessionExpiryFilter> widgetSessionExpiryFilter(Clock clock) {
        var registration = new FilterRegistrationBean<>(new WidgetSessionExpiryFilter(clock));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    @Order(7)
    SecurityFilterChain widgetHandshake(HttpSecurity http) throws Exception {
        return http.securityMatcher(WidgetSessionController.SESSION_PATH, WidgetSessionController.CONFIG_PATH)
                .csrf(csrf -> csrf.disable())
                // the controller creates the session and stores the security context itself
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }
}

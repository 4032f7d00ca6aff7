package com.profilebridge.agent.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The demo identity endpoints are open (they stand in for Genesys and CXone, which authenticate by
 * the token itself). Registered only with {@code bridge.demo.identity-endpoints=true}, which the
 * prod profile refuses.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("bridge.demo.identity-endpoints")
class DemoSecurityConfiguration {

    @Bean
    @Order(5)
    SecurityFilterChain demoIdentityEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher("/__demo/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }
}

package com.profilebridge.security;

import com.profilebridge.shared.web.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Filter chains for everything that is not the Vaadin UI: the platform API ({@code /v1/**},
 * stateless, caller credentials), actuator and the OpenAPI docs. Errors inside these chains are
 * problem details, never a login redirect.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CallerProperties.class)
class ApiSecurityConfiguration {

    /**
     * No Micrometer observation per security filter: it cost a fifth of a cache hit's throughput,
     * and {@code http.server.requests} plus the resolve latency timer already measure each request.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * A request Spring Security's firewall refuses (path parameters such as {@code ;jsessionid=},
     * encoded slashes, {@code ..}) gets a 400 problem detail at once. The default handler sent an
     * error that was re-dispatched to {@code /error}, where the UI chain answered with a redirect to
     * its login page: not what an IVR or any API caller can read.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> ProblemWriter.write(response, HttpStatus.BAD_REQUEST,
                "rejected-request", "The request's URL or headers are not allowed (path parameters, encoded "
                        + "slashes or dot segments, control characters).");
    }

    @Bean
    CallerAuthenticator callerAuthenticator(CallerProperties callers) {
        return new CallerAuthenticator(callers);
    }

    @Bean
    @Order(10)
    SecurityFilterChain integrationApi(HttpSecurity http, CallerAuthenticator callers,
            ObjectProvider<SecurityContextHolderStrategy> strategies) throws Exception {
        // The same strategy Spring Security's own filters use: the bean when there is one (Vaadin's).
        SecurityContextHolderStrategy contexts = strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        return http.securityMatcher("/v1/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new CallerAuthenticationFilter(callers, contexts),
                        BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/v1/outcomes/**").hasRole(CallerAuthenticator.OPERATOR)
                        .anyRequest().hasRole(CallerAuthenticator.INTEGRATION))
                .exceptionHandling(e -> e
                        // No WWW-Authenticate: Basic challenge: a browser would prompt, then hold the
                        // credentials for every later (cross-site) request to this API.
                        .authenticationEntryPoint((request, response, ex) -> ProblemWriter.write(response,
                                HttpStatus.UNAUTHORIZED, "unauthorized", "Missing or wrong caller credentials "
                                        + "(HTTP Basic or the " + callers.apiKeyHeader() + " header)."))
                        .accessDeniedHandler((request, response, ex) -> ProblemWriter.write(response,
                                HttpStatus.FORBIDDEN, "forbidden", "These credentials may not call this endpoint.")))
                .build();
    }

    @Bean
    @Order(20)
    SecurityFilterChain operations(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                        "/__bench/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // only mapped in the bench profile, which is never active otherwise
                        .requestMatchers("/__bench/**").permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> ProblemWriter.write(response,
                                HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required."))
                        .accessDeniedHandler((request, response, ex) -> ProblemWriter.write(response,
                                HttpStatus.FORBIDDEN, "forbidden", "Not exposed.")))
                .build();
    }
}

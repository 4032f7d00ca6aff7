package com.profilebridge.security;

import com.profilebridge.shared.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

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
    CallerAuthenticator callerAuthenticator(CallerProperties callers, Clock clock) {
        return new CallerAuthenticator(callers, clock);
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
                        .requestMatchers("/v1/erasures").hasRole(CallerAuthenticator.ERASURE)
                        .anyRequest().hasRole(CallerAuthenticator.INTEGRATION))
                .exceptionHandling(e -> e
                        // No WWW-Authenticate: Basic challenge: a browser would prompt, then hold the
                        // credentials for every later (cross-site) request to this API.
                        .authenticationEntryPoint((request, response, ex) -> unauthorized(request, response,
                                callers))
                        .accessDeniedHandler((request, response, ex) -> ProblemWriter.write(response,
                                HttpStatus.FORBIDDEN, "forbidden", "These credentials may not call this endpoint.")))
                .build();
    }

    /**
     * Actuator, OpenAPI docs and the bench endpoints. Health is open to every probe. Metrics and info
     * are open where the management server listens: in {@code prod} that is its own port
     * ({@code management.server.port}, never routed by the load balancer), and a request for
     * {@code /actuator/**} on the application port is refused; in the demo it is the one port.
     * The docs are open only while springdoc serves them (off in {@code prod} unless switched on),
     * the bench endpoints only while the {@code bench} profile is active (which {@code prod} refuses).
     */
    @Bean
    @Order(20)
    SecurityFilterChain operations(HttpSecurity http, Environment environment) throws Exception {
        boolean bench = environment.matchesProfiles("bench");
        boolean docs = environment.getProperty("springdoc.api-docs.enabled", Boolean.class, true);
        boolean ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
        RequestMatcher actuatorOnApplicationPort = new AndRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"),
                request -> ownPort && onApplicationPort(request, environment));
        return http.securityMatcher("/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                        "/__bench/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(actuatorOnApplicationPort).denyAll();
                    auth.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                            "/actuator/prometheus").permitAll();
                    if (docs) {
                        auth.requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll();
                    }
                    if (bench) {
                        auth.requestMatchers("/__bench/**").permitAll();
                    }
                    auth.anyRequest().denyAll();
                })
                .exceptionHandling(e -> e
                        // nothing here needs credentials: whatever is not open is not exposed at all
                        .authenticationEntryPoint((request, response, ex) -> notExposed(response))
                        .accessDeniedHandler((request, response, ex) -> notExposed(response)))
                .build();
    }

    /**
     * 401 as a problem detail. A rejected bearer token also gets RFC 6750's {@code Bearer} challenge
     * with {@code invalid_token}, which tells an OAuth client to fetch a new token and which no browser
     * answers with a credentials prompt; why the token was refused stays in the log.
     */
    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
            CallerAuthenticator callers) throws IOException {
        if (CallerAuthenticator.presentsBearer(request)) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            ProblemWriter.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "The bearer token is not "
                    + "accepted (expired, not signed by the configured issuer, for another audience, or its client "
                    + "is not a configured caller).");
            return;
        }
        ProblemWriter.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Missing or wrong caller credentials "
                + "(HTTP Basic, an OAuth bearer token or the " + callers.apiKeyHeader() + " header).");
    }

    private static void notExposed(HttpServletResponse response) throws IOException {
        ProblemWriter.write(response, HttpStatus.NOT_FOUND, "not-found", "Not exposed here.");
    }

    /** True for a request that came in on the application's port (not the management server's). */
    private static boolean onApplicationPort(HttpServletRequest request, Environment environment) {
        String port = environment.getProperty("local.server.port");
        return port == null || Integer.parseInt(port) == request.getLocalPort();
    }
}

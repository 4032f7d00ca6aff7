package com.profilebridge.security;

import com.profilebridge.console.ConsoleRoles;
import com.profilebridge.shared.web.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The console's REST endpoints ({@code /api/console/**}: CSV export, erasure, replay, attribution):
 * the signed-in console session (OIDC or a demo form login), CSRF token required on every change
 * (header {@code X-CSRF-TOKEN}, the value the console pages carry in {@code <meta name="_csrf">}),
 * problem details instead of login redirects. Roles: {@code SUPERVISOR} here, {@code ADMIN} on the
 * acting use cases themselves (method security), so the same rule holds for the Vaadin views.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleApiSecurityConfiguration {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    @Bean
    @Order(7)
    SecurityFilterChain consoleApi(HttpSecurity http, ObjectProvider<SecurityContextHolderStrategy> strategies)
            throws Exception {
        // The same strategy Spring Security's own filters use: the bean when there is one (Vaadin's).
        SecurityContextHolderStrategy contexts = strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        return http.securityMatcher("/api/console/**")
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(ConsoleRoles.SUPERVISOR))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> ProblemWriter.write(response,
                                HttpStatus.UNAUTHORIZED, "unauthorized", "Sign in to the console first."))
                        // a change without a session fails the CSRF check first: it still needs a sign-in, not a role
                        .accessDeniedHandler((request, response, ex) -> {
                            if (!TRUST.isAuthenticated(contexts.getContext().getAuthentication())) {
                                ProblemWriter.write(response, HttpStatus.UNAUTHORIZED, "unauthorized",
                                        "Sign in to the console first.");
                                return;
                            }
                            ProblemWriter.write(response, HttpStatus.FORBIDDEN, "forbidden",
                                    "Your role does not allow this action, or the CSRF token is missing.");
                        }))
                .build();
    }
}

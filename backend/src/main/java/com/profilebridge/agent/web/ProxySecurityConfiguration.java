package com.profilebridge.agent.web;

import com.profilebridge.agent.AgentTokens;
import com.profilebridge.shared.web.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The profile proxy's filter chain ({@code /api/proxy/**}): stateless, agent platform tokens only,
 * every refusal a problem detail with {@code WWW-Authenticate: Bearer}, never a login redirect.
 */
@Configuration(proxyBeanMethods = false)
class ProxySecurityConfiguration {

    @Bean
    @Order(6)
    SecurityFilterChain agentProxy(HttpSecurity http, AgentTokens tokens,
            ObjectProvider<SecurityContextHolderStrategy> strategies) throws Exception {
        // The same strategy Spring Security's own filters use: the bean when there is one (Vaadin's).
        SecurityContextHolderStrategy contexts = strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        return http.securityMatcher("/api/proxy/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new AgentTokenFilter(tokens, contexts), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("AGENT"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            ProblemWriter.write(response, HttpStatus.UNAUTHORIZED, "unauthorized",
                                    "An agent token is required (Authorization: Bearer <token>, "
                                            + AgentTokenFilter.PLATFORM_HEADER + ": genesys|cxone, and for Genesys "
                                            + AgentTokenFilter.ENVIRONMENT_HEADER + ").");
                        })
                        .accessDeniedHandler((request, response, ex) -> ProblemWriter.write(response,
                                HttpStatus.FORBIDDEN, "forbidden", "This token may not call this endpoint.")))
                .build();
    }
}

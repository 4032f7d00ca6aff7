package com.profilebridge.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Local users of the console pages: the demo form logins from the README, which exist only with
 * {@code bridge.demo.logins=true} (demo profile; prod refuses to start with it, and without it the
 * UI chain has no form login at all). Otherwise there are no local users: people sign in through
 * the organisation's identity provider ({@link ConsoleLogin}), never with a generated password.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleUsersConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService consoleUsers(@Value("${bridge.demo.logins:false}") boolean demoLogins, PasswordEncoder encoder) {
        if (!demoLogins) {
            return new InMemoryUserDetailsManager();
        }
        return new InMemoryUserDetailsManager(
                User.withUsername("supervisor").password(encoder.encode("demo-supervisor"))
                        .roles("SUPERVISOR", "AGENT").build(),
                User.withUsername("admin").password(encoder.encode("demo-admin"))
                        .roles("ADMIN", "SUPERVISOR").build(),
                User.withUsername("agent").password(encoder.encode("demo-agent")).roles("AGENT").build());
    }
}

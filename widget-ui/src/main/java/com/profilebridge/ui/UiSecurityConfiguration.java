package com.profilebridge.ui;

import com.profilebridge.ui.console.LoginView;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The Vaadin UI's filter chain: last in line, after the API, actuator and docs chains. */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

    @Bean
    @Order(100)
    SecurityFilterChain ui(HttpSecurity http, RequestUtil vaadinRequests) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/embed/**", "/styles/**").permitAll());
        // Who may frame these pages is decided by the CSP frame-ancestors filter (widget module):
        // X-Frame-Options cannot name the host desktops' origins.
        http.headers(headers -> headers.frameOptions(frame -> frame.disable()));
        // Vaadin's own CSRF set-up exempts the login form's POST, so any site could sign a browser in
        // to an account of its choosing (login CSRF). Here only Vaadin's internal requests are exempt
        // (they carry Vaadin's own per-UI security key); the login form sends Spring's token, which
        // Vaadin puts into the page (<meta name="_csrf">) and vaadin-login-form submits with it.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .enableCsrfConfiguration(false));
        return http.build();
    }
}

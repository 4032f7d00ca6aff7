package com.profilebridge.ui;

import com.profilebridge.security.ConsoleLogin;
import com.profilebridge.ui.console.LoginView;
import com.vaadin.flow.server.auth.NavigationAccessControl;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.UidlRedirectStrategy;
import com.vaadin.flow.spring.security.VaadinSavedRequestAwareAuthenticationSuccessHandler;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The Vaadin UI's filter chain: last in line, after the API, actuator and docs chains. Sign-in is
 * OIDC with the organisation's identity provider ({@link ConsoleLogin}); the demo profile adds the
 * README's form logins. Without them (prod) there is no form login at all: a POST to the sign-in
 * page is refused.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

    /** Where a signed-in user lands when they did not ask for another page first. */
    static final String LANDING = "/console";

    @Bean
    @Order(100)
    SecurityFilterChain ui(HttpSecurity http, RequestUtil vaadinRequests, ConsoleLogin login,
            NavigationAccessControl navigation) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/embed/**", "/styles/**").permitAll());
        if (!login.formLogins()) {
            http.authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.POST, ConsoleLogin.LOGIN_PAGE).denyAll());
        }
        // Who may frame these pages is decided by the CSP frame-ancestors filter (widget module):
        // X-Frame-Options cannot name the host desktops' origins.
        http.headers(headers -> headers.frameOptions(frame -> frame.disable()));
        // Vaadin's own CSRF set-up exempts the login form's POST, so any site could sign a browser in
        // to an account of its choosing (login CSRF). Here only Vaadin's internal requests are exempt
        // (they carry Vaadin's own per-UI security key); the login form sends Spring's token, which
        // Vaadin puts into the page (<meta name="_csrf">) and vaadin-login-form submits with it. The
        // OIDC sign-in is bound to its session by the state parameter and PKCE.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));

        // one landing for both ways in: the page asked for before signing in, else the console
        VaadinSavedRequestAwareAuthenticationSuccessHandler landing = new VaadinSavedRequestAwareAuthenticationSuccessHandler();
        landing.setDefaultTargetUrl(LANDING);
        http.setSharedObject(VaadinSavedRequestAwareAuthenticationSuccessHandler.class, landing);
        login.configure(http, landing);

        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> {
            if (login.formLogins()) {
                vaadin.loginView(LoginView.class);
            }
            vaadin.logoutSuccessHandler(login.logoutSuccessHandler(new UidlRedirectStrategy()));
            vaadin.enableCsrfConfiguration(false);
        });
        if (!login.formLogins()) {
            // what loginView() does besides the form login: anonymous visitors go to the sign-in page
            navigation.setLoginView(LoginView.class);
            http.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint(ConsoleLogin.LOGIN_PAGE), AnyRequestMatcher.INSTANCE));
        }
        return http.build();
    }
}

package com.profilebridge.security;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * How people sign in to the console, for the UI's filter chain and sign-in page: OIDC with the
 * organisation's identity provider (authorization code + PKCE, state and nonce; roles from the
 * provider's groups), and the README's demo form logins where {@code bridge.demo.logins} is on (demo
 * profile only: prod refuses it). Without an issuer the console has no sign-in at all.
 */
public final class ConsoleLogin {

    /** The sign-in page (the UI's login view). */
    public static final String LOGIN_PAGE = "/login";
    /** Where the sign-in button sends the browser: Spring Security redirects on to the provider. */
    public static final String START = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI
            + "/" + ConsoleClientRegistrations.ID;
    /** Query parameters of the sign-in page after a failed or finished sign-in. */
    public static final String SIGN_IN_FAILED = "sign-in-failed";
    public static final String PROVIDER_UNAVAILABLE = "provider-unavailable";
    public static final String SIGNED_OUT = "logout";

    private static final Logger log = LoggerFactory.getLogger(ConsoleLogin.class);

    private final @Nullable Oidc oidc;
    private final boolean formLogins;
    private final boolean demoProvider;
    private final String displayName;

    /** The OIDC parts, present when an issuer is configured (or the demo provider runs). */
    record Oidc(ConsoleClientRegistrations registrations,
            OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokens,
            OAuth2UserService<OidcUserRequest, OidcUser> users) {}

    ConsoleLogin(@Nullable Oidc oidc, boolean formLogins, boolean demoProvider, String displayName) {
        this.oidc = oidc;
        this.formLogins = formLogins;
        this.demoProvider = demoProvider;
        this.displayName = displayName.strip();
    }

    /** True when the organisation's identity provider is configured: the sign-in page offers it. */
    public boolean oidc() {
        return oidc != null;
    }

    /** True when the demo form logins (supervisor, admin, agent) are on: demo profile only. */
    public boolean formLogins() {
        return formLogins;
    }

    /** True when the provider is the demo's own (its page takes any user name). */
    public boolean demoProvider() {
        return demoProvider;
    }

    /** The provider's name for the sign-in button, when one is configured. */
    public Optional<String> displayName() {
        return displayName.isEmpty() ? Optional.empty() : Optional.of(displayName);
    }

    /**
     * Adds OIDC login to the UI's chain (nothing without an issuer). The button's request starts it
     * ({@link #START}); the provider's answer comes back to {@code /login/oauth2/code/console}.
     *
     * @param landing where a signed-in user goes (the page they asked for, else the console)
     */
    public void configure(HttpSecurity http, AuthenticationSuccessHandler landing) throws Exception {
        Oidc parts = oidc;
        if (parts == null) {
            return;
        }
        DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
                parts.registrations(), OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        // PKCE for confidential clients too (Spring adds it on its own only for public ones)
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        AuthenticationFailureHandler unavailable = (request, response, e) -> {
            log.warn("Console sign-in could not start: {}", e.getMessage());
            response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?" + PROVIDER_UNAVAILABLE);
        };
        AuthenticationFailureHandler failed = (request, response, e) -> {
            log.warn("Console sign-in through the identity provider failed: {}", e.getMessage());
            response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?" + SIGN_IN_FAILED);
        };
        http.oauth2Login(login -> login
                .loginPage(LOGIN_PAGE)
                .clientRegistrationRepository(parts.registrations())
                // per session, not Spring Boot's in-memory map keyed by user name
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
                .tokenEndpoint(endpoint -> endpoint.accessTokenResponseClient(parts.tokens()))
                .userInfoEndpoint(endpoint -> endpoint.oidcUserService(parts.users()))
                .successHandler(landing)
                .failureHandler(failed)
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        filter.setAuthenticationFailureHandler(unavailable);
                        return filter;
                    }
                }));
    }

    /**
     * After sign-out: to the provider's {@code end_session_endpoint} with the ID token as hint, and
     * from there back to the sign-in page, where the provider advertises one; otherwise (form logins,
     * providers without it) straight to the sign-in page.
     *
     * @param redirects how to send the browser there (the UI's strategy works inside its own requests)
     */
    public LogoutSuccessHandler logoutSuccessHandler(RedirectStrategy redirects) {
        Oidc parts = oidc;
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(
                id -> parts == null ? null : parts.registrations().known(id));
        handler.setPostLogoutRedirectUri("{baseUrl}" + LOGIN_PAGE + "?" + SIGNED_OUT);
        handler.setDefaultTargetUrl(LOGIN_PAGE + "?" + SIGNED_OUT);
        handler.setRedirectStrategy(redirects);
        return handler;
    }
}

package com.profilebridge.security;

import com.profilebridge.shared.web.IdentityProviderRequests;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Console sign-in through OIDC ({@code bridge.console.oidc.*}), see {@link ConsoleLogin}. Nothing
 * here contacts the provider at start-up: discovery, token, user-info and key requests happen at
 * sign-in, each with the configured timeouts (Spring's key fetch gives up after 500 ms otherwise).
 * A half-configured provider (an issuer without a client id, an issuer that is no http(s) URL) stops
 * the start; no issuer at all leaves the console without sign-in and says so in the log.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleOidcProperties.class)
class ConsoleOidcConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConsoleOidcConfiguration.class);

    @Bean
    @ConditionalOnBooleanProperty("bridge.demo.oidc-provider.enabled")
    DemoConsoleIdentityProvider demoConsoleIdentityProvider(@Value("${bridge.demo.oidc-provider.port:0}") int port) {
        return new DemoConsoleIdentityProvider(port);
    }

    @Bean
    ConsoleLogin consoleLogin(ConsoleOidcProperties properties, ObjectProvider<DemoConsoleIdentityProvider> demo,
            @Value("${bridge.demo.logins:false}") boolean formLogins) {
        String issuer = properties.issuerUri().strip();
        DemoConsoleIdentityProvider demoProvider = issuer.isEmpty() ? demo.getIfAvailable() : null;
        if (issuer.isEmpty() && demoProvider == null) {
            log.warn("The supervisor console has no sign-in: no identity provider is configured. Set "
                    + "BRIDGE_CONSOLE_OIDC_ISSUERURI, _CLIENTID, _CLIENTSECRET and the role mapping "
                    + "(docs/console/login.md); the IVR, widget and API are not affected.");
            return new ConsoleLogin(null, formLogins, false, properties.displayName());
        }
        if (!issuer.isEmpty()) {
            check(properties, issuer);
        }
        ConsoleRoleMapping mapping = ConsoleRoleMapping.of(properties);
        if (mapping.empty()) {
            log.warn("Console sign-in: no provider group maps to a console role (BRIDGE_CONSOLE_OIDC_ROLEMAPPING_"
                    + "SUPERVISOR / _ADMIN), so everyone who signs in is refused by every console page");
        }
        JdkClientHttpRequestFactory requests = requests(properties);
        Supplier<String> issuerUri = demoProvider == null ? () -> issuer : demoProvider::issuer;
        ConsoleClientRegistrations registrations = new ConsoleClientRegistrations(properties, issuerUri,
                new RestTemplate(requests));

        RestClientAuthorizationCodeTokenResponseClient tokens = new RestClientAuthorizationCodeTokenResponseClient();
        tokens.setRestClient(RestClient.builder()
                .requestFactory(requests)
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());

        RestTemplate userInfoHttp = new RestTemplate(requests);
        userInfoHttp.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
        DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
        userInfo.setRestOperations(userInfoHttp);
        OidcUserService oidcUsers = new OidcUserService();
        oidcUsers.setOauth2UserService(userInfo);

        return new ConsoleLogin(new ConsoleLogin.Oidc(registrations, tokens,
                new ConsoleOidcUserService(oidcUsers, mapping, properties.userNameClaim())), formLogins,
                demoProvider != null, properties.displayName());
    }

    /**
     * The ID token decoder of the console's sign-in (Spring Security's login picks up this bean): keys
     * from the provider's JWKS with the configured timeouts, the algorithms its discovery document
     * names (RS256 when it names none), and OIDC Core's checks (issuer, audience, expiry, nonce).
     */
    @Bean
    JwtDecoderFactory<ClientRegistration> consoleIdTokenDecoders(ConsoleOidcProperties properties) {
        RestTemplate keys = new RestTemplate(requests(properties));
        Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();
        return registration -> decoders.computeIfAbsent(registration.getRegistrationId(), id -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder
                    .withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                    .restOperations(keys)
                    // OIDC does not type ID tokens: Keycloak, Entra ID and others differ here
                    .validateType(false)
                    .jwsAlgorithms(algorithms -> {
                        algorithms.clear();
                        algorithms.addAll(signingAlgorithms(registration));
                    })
                    .build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                    new OidcIdTokenValidator(registration)));
            decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
            return decoder;
        });
    }

    static Set<SignatureAlgorithm> signingAlgorithms(ClientRegistration registration) {
        Object advertised = registration.getProviderDetails().getConfigurationMetadata()
                .get("id_token_signing_alg_values_supported");
        Set<SignatureAlgorithm> algorithms = advertised instanceof List<?> names
                ? names.stream().map(name -> SignatureAlgorithm.from(String.valueOf(name))).filter(Objects::nonNull)
                        .collect(Collectors.toSet())
                : Set.of();
        return algorithms.isEmpty() ? Set.of(SignatureAlgorithm.RS256) : algorithms;
    }

    /** Fails the start on a provider set up by halves; the message names the variable to set. */
    static void check(ConsoleOidcProperties properties, String issuer) {
        @Nullable URI uri;
        try {
            uri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalStateException("bridge.console.oidc.issuer-uri must be the identity provider's issuer "
                    + "URL (https://...), not '" + issuer + "' (BRIDGE_CONSOLE_OIDC_ISSUERURI)");
        }
        if (properties.clientId().isBlank()) {
            throw new IllegalStateException("bridge.console.oidc.client-id is required with an issuer: the console's "
                    + "client id at " + issuer + " (BRIDGE_CONSOLE_OIDC_CLIENTID)");
        }
    }

    private static JdkClientHttpRequestFactory requests(ConsoleOidcProperties properties) {
        return IdentityProviderRequests.withTimeouts(properties.connectTimeout(), properties.readTimeout());
    }
}

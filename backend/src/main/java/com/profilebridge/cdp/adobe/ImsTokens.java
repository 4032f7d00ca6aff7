package com.profilebridge.cdp.adobe;

import com.profilebridge.cdp.CdpUnavailable;
import com.profilebridge.cdp.vendor.VendorHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Adobe IMS server-to-server (OAuth client credentials) tokens through Spring Security's
 * client-credentials support: {@code POST {ims}/ims/token/v3} with the client id and secret in the
 * form body, the token cached until shortly before its {@code expires_in} (~24 h) runs out on the
 * injected clock. IMS hands out no refresh token: a new one is simply requested.
 */
final class ImsTokens {

    static final String TOKEN_PATH = "/ims/token/v3";
    private static final String REGISTRATION = "adobe-ims";
    private static final String PRINCIPAL = "profile-bridge";
    /** Renew this long before expiry, so a token never dies between fetch and use. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
    private final OAuth2AuthorizedClientService store;
    private final OAuth2AuthorizeRequest request =
            OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(PRINCIPAL).build();

    ImsTokens(String imsUrl, String clientId, String clientSecret, List<String> scopes,
            ClientHttpRequestFactory requests, Clock clock) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(scopes)
                .tokenUri(imsUrl.replaceAll("/+$", "") + TOKEN_PATH)
                .build();
        var registrations = new InMemoryClientRegistrationRepository(registration);
        this.store = new InMemoryOAuth2AuthorizedClientService(registrations);
        var tokenClient = new RestClientClientCredentialsTokenResponseClient();
        tokenClient.setRestClient(VendorHttp.tokenEndpoint(requests));
        // Adobe's documentation sends the scopes comma-separated, not space-separated as RFC 6749 has it
        tokenClient.setParametersCustomizer(parameters -> {
            if (parameters.containsKey(OAuth2ParameterNames.SCOPE)) {
                parameters.set(OAuth2ParameterNames.SCOPE, String.join(",", scopes));
            }
        });
        this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, store);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(c -> c.accessTokenResponseClient(tokenClient).clock(clock).clockSkew(SKEW))
                .build());
    }

    /** A valid access token, fetched when none is cached or the cached one is about to expire. */
    synchronized String token() {
        try {
            OAuth2AuthorizedClient client = manager.authorize(request);
            if (client == null) {
                throw new CdpUnavailable("Adobe IMS issued no token");
            }
            return client.getAccessToken().getTokenValue();
        } catch (OAuth2AuthorizationException e) {
            // no token means no AEP: an outage for the breaker and the outbox, like a 5xx
            throw new CdpUnavailable("Adobe IMS token request failed: " + e.getError().getErrorCode(), e);
        }
    }

    /**
     * Forgets the token AEP just refused (401), so the next {@link #token()} fetches a new one. Only
     * that token: when several calls get a 401 at once, the first refresh serves them all.
     */
    synchronized void refused(String token) {
        OAuth2AuthorizedClient cached = store.loadAuthorizedClient(REGISTRATION, PRINCIPAL);
        if (cached != null && cached.getAccessToken().getTokenValue().equals(token)) {
            store.removeAuthorizedClient(REGISTRATION, PRINCIPAL);
        }
    }
}

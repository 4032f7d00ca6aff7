package com.profilebridge.security;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.RequestEntity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestOperations;

/**
 * The console's one client registration ({@value #ID}), built from the provider's discovery document
 * when the first person signs in, not at start-up: the application starts, and serves the IVR, while
 * the identity provider is down. A failed discovery is tried again at the next sign-in; once read it
 * is kept for the life of the process (keys rotate through the JWKS, not through discovery).
 */
final class ConsoleClientRegistrations implements ClientRegistrationRepository {

    static final String ID = "console";

    private static final Logger log = LoggerFactory.getLogger(ConsoleClientRegistrations.class);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {};

    private final ConsoleOidcProperties properties;
    private final Supplier<String> issuer;
    private final RestOperations http;
    private volatile @Nullable ClientRegistration registration;

    /**
     * @param issuer the issuer, asked at the first sign-in (the demo provider starts then)
     * @param http discovery requests, with the configured timeouts
     */
    ConsoleClientRegistrations(ConsoleOidcProperties properties, Supplier<String> issuer, RestOperations http) {
        this.properties = properties;
        this.issuer = issuer;
        this.http = http;
    }

    /** The registration, discovering the provider first if needed; fails with {@link ProviderUnavailable}. */
    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (registration == null) {
                registration = discover();
            }
            return registration;
        }
    }

    /** The registration if discovery has happened, without contacting the provider (sign-out needs no more). */
    @Nullable ClientRegistration known(String registrationId) {
        return ID.equals(registrationId) ? registration : null;
    }

    private ClientRegistration discover() {
        String issuerUri = issuer.get();
        URI location = URI.create(withoutTrailingSlash(issuerUri) + "/.well-known/openid-configuration");
        Map<String, Object> metadata;
        try {
            metadata = http.exchange(RequestEntity.get(location).build(), JSON_OBJECT).getBody();
        } catch (RestClientException e) {
            log.warn("Console sign-in: the identity provider's discovery document {} could not be read: {}", location,
                    e.toString());
            throw new ProviderUnavailable("discovery document not readable: " + location, e);
        }
        if (metadata == null || !issuerUri.equals(metadata.get("issuer"))) {
            // OIDC Discovery 1.0 §4.3: the issuer in the document must be the one asked for
            log.warn("Console sign-in: {} names the issuer {}, not the configured {} (bridge.console.oidc.issuer-uri)",
                    location, metadata == null ? null : metadata.get("issuer"), issuerUri);
            throw new ProviderUnavailable("the discovery document names another issuer than " + issuerUri, null);
        }
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add("openid");
        properties.scopes().stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(scopes::add);
        ClientRegistration.Builder builder = ClientRegistrations.fromOidcConfiguration(metadata)
                .registrationId(ID)
                .clientId(properties.clientId().strip())
                .clientName(properties.displayName().isBlank() ? issuerUri : properties.displayName().strip())
                .scope(scopes)
                .redirectUri(properties.redirectUri())
                .userNameAttributeName(properties.userNameClaim().strip());
        if (properties.clientSecret().isBlank()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(properties.clientSecret());
        }
        ClientRegistration built = builder.build();
        log.info("Console sign-in: discovered {} (end_session_endpoint {})", issuerUri,
                built.getProviderDetails().getConfigurationMetadata().containsKey("end_session_endpoint")
                        ? "advertised: sign-out ends the provider session" : "not advertised: sign-out is local");
        return built;
    }

    private static String withoutTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** The identity provider could not be asked who it is: the sign-in page says so, the log says why. */
    static final class ProviderUnavailable extends RuntimeException {
        ProviderUnavailable(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}

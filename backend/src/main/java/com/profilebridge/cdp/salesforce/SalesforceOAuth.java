package com.profilebridge.cdp.salesforce;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.profilebridge.cdp.vendor.VendorHttp;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.oauth2.client.endpoint.JwtBearerGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientJwtBearerTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.client.RestClient;

/**
 * The standard first leg, done by Spring Security's token response clients: client credentials
 * ({@code client_id}/{@code client_secret} in the form) or the JWT bearer flow (an RS256 assertion
 * {@code iss}=client id, {@code sub}=user name, {@code aud}=login URL, signed with the connected
 * app's key) against {@code {login-url}/services/oauth2/token}.
 */
final class SalesforceOAuth {

    private SalesforceOAuth() {}

    static Supplier<OAuth2AccessTokenResponse> tokenSource(SalesforceProperties properties,
            ClientHttpRequestFactory requests, Clock clock) {
        SalesforceProperties.Auth auth = properties.auth();
        String tokenUri = properties.loginUrl().resolve("/services/oauth2/token").toString();
        RestClient tokenHttp = VendorHttp.tokenEndpoint(requests);
        if (auth.grant().equals("jwt-bearer")) {
            ClientRegistration registration = ClientRegistration.withRegistrationId("salesforce")
                    .clientId(auth.clientId())
                    // the assertion authenticates the client; Salesforce wants no secret here
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
                    .tokenUri(tokenUri)
                    .build();
            var client = new RestClientJwtBearerTokenResponseClient();
            client.setRestClient(tokenHttp);
            NimbusJwtEncoder encoder = encoder(auth.privateKey());
            String audience = auth.audience() == null || auth.audience().isBlank()
                    ? properties.loginUrl().toString().replaceAll("/+$", "")
                    : auth.audience();
            return () -> {
                var now = clock.instant();
                JwtClaimsSet claims = JwtClaimsSet.builder()
                        .issuer(auth.clientId())
                        .subject(auth.username())
                        .audience(List.of(audience))
                        .issuedAt(now)
                        .expiresAt(now.plus(auth.assertionLifetime()))
                        .build();
                Jwt assertion = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(SignatureAlgorithm.RS256).build(), claims));
                return client.getTokenResponse(new JwtBearerGrantRequest(registration, assertion));
            };
        }
        ClientRegistration registration = ClientRegistration.withRegistrationId("salesforce")
                .clientId(auth.clientId())
                .clientSecret(auth.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(tokenUri)
                .build();
        var client = new RestClientClientCredentialsTokenResponseClient();
        client.setRestClient(tokenHttp);
        return () -> client.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration));
    }

    /** An RS256 signer from a PKCS#8 PEM RSA key; the public half is derived from it. */
    static NimbusJwtEncoder encoder(String pem) {
        try {
            String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            var privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            var publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            RSAKey key = new RSAKey.Builder(publicKey).privateKey(privateKey).build();
            return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            // never the key itself in the message
            throw new IllegalStateException("cdp.salesforce.auth.private-key is no PKCS#8 PEM RSA private key", e);
        }
    }
}

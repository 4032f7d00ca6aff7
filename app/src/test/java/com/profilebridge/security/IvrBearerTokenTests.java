package com.profilebridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.profilebridge.support.Http;
import com.profilebridge.support.LoopbackOAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * IVR callers with OAuth client-credentials tokens, as Genesys "User Defined (OAuth)" credentials
 * and a CXone Studio snippet send them: the token comes from an authorization server
 * (mock-oauth2-server on 127.0.0.1) and its client is the demo IVR caller ({@code genesys-ivr}) or
 * the demo operator ({@code ops-client}). Every refusal is a problem detail with at most a
 * {@code Bearer} challenge, never a {@code Basic} one a browser would prompt for.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.security.jwt.audiences=" + IvrBearerTokenTests.AUDIENCE,
        "bridge.security.callers.ivrdemo.client-ids=genesys-ivr",
        "bridge.security.callers.opsdemo.client-ids=ops-client"})
@ActiveProfiles({"demo", "test"})
class IvrBearerTokenTests {

    static final String AUDIENCE = "profile-bridge";
    static final String GUIDE = "{\"identifier\":\"+1 (555) 100-0042\",\"channel\":\"voice\",\"source\":\"genesys\"}";
    static final MockOAuth2Server oauth = LoopbackOAuth.start();


    @DynamicPropertySource
    static void authorizationServer(DynamicPropertyRegistry registry) {
        registry.add("bridge.security.jwt.issuer-uri", () -> oauth.issuerUrl("ivr").toString());
    }

    @AfterAll
    static void stop() {
        oauth.shutdown();
    }

    @LocalServerPort
    int port;

    @Test
    void aClientCredentialsTokenFromTheTokenUrlResolvesAsTheIvrCaller() throws Exception {
        // what Genesys does with "User Defined (OAuth)" credentials, and the CXone snippet's first request
        // (mock-oauth2-server names no client in a client-credentials token; Keycloak puts it in client_id)
        oauth.enqueueCallback(new DefaultOAuth2TokenCallback("ivr", "genesys-ivr", "JWT", List.of(AUDIENCE),
                Map.of("client_id", "genesys-ivr"), 3600));
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(oauth.tokenEndpointUrl("ivr").toString()))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("genesys-ivr:client-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + AUDIENCE))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(200);
        String accessToken = Http.json(token).path("access_token").asString();

        HttpResponse<String> answer = resolve("Bearer " + accessToken);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(answer);
        assertThat(body.path("identity_status").asString()).isNotBlank();
        assertThat(resolve("Bearer " + accessToken).statusCode()).as("again, from the validation cache")
                .isEqualTo(200);
    }

    @Test
    void refusesAnExpiredToken() {
        assertRefused(resolve(bearer("genesys-ivr", AUDIENCE, -600)));
    }

    @Test
    void refusesATokenForAnotherAudience() {
        assertRefused(resolve(bearer("genesys-ivr", "another-api", 3600)));
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        String token = oauth.issueToken("elsewhere", "genesys-ivr", new DefaultOAuth2TokenCallback("elsewhere",
                "genesys-ivr", "JWT", List.of(AUDIENCE), Map.of(), 3600)).serialize();

        assertRefused(resolve("Bearer " + token));
    }

    @Test
    void refusesATokenSignedByAForeignKey() throws Exception {
        SignedJWT genuine = SignedJWT.parse(bearer("genesys-ivr", AUDIENCE, 3600).substring(7));
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(foreign.getKeyID()).build(), genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(foreign));

        assertRefused(resolve("Bearer " + forged.serialize()));
    }

    @Test
    void refusesATokenWhoseClientIsNoConfiguredCaller() {
        assertRefused(resolve(bearer("someone-else", AUDIENCE, 3600)));
    }

    @Test
    void forbidsAValidTokenOfACallerWithoutTheIntegrationRole() {
        HttpResponse<String> answer = resolve(bearer("ops-client", AUDIENCE, 3600));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().allValues("WWW-Authenticate")).isEmpty();
    }

    @Test
    void basicAndApiKeyCallersStillWorkBesideBearerTokens() {
        assertThat(new Http(port).resolveJson(GUIDE).statusCode()).isEqualTo(200);
        assertThat(new Http(port).post("/v1/profiles/resolve", "application/json", GUIDE, null,
                Map.of("X-API-Key", "demo-ivr-secret")).statusCode()).isEqualTo(200);
        HttpResponse<String> noCredentials = new Http(port).post("/v1/profiles/resolve", "application/json", GUIDE,
                null);
        assertThat(noCredentials.statusCode()).isEqualTo(401);
        assertThat(noCredentials.headers().allValues("WWW-Authenticate")).as("no challenge without a bearer token")
                .isEmpty();
    }

    private HttpResponse<String> resolve(String authorization) {
        return new Http(port).post("/v1/profiles/resolve", "application/json", GUIDE, authorization);
    }

    private static String bearer(String clientId, String audience, long expirySeconds) {
        // the client is the token's azp, as a client-credentials grant issues it
        return "Bearer " + oauth.issueToken("ivr", clientId, new DefaultOAuth2TokenCallback("ivr", clientId, "JWT",
                List.of(audience), Map.of(), expirySeconds)).serialize();
    }

    private static void assertRefused(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().allValues("WWW-Authenticate")).containsExactly("Bearer error=\"invalid_token\"");
        assertThat(Http.json(answer).path("status").asInt()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("eyJ");
    }
}

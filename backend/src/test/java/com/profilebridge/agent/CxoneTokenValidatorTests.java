package com.profilebridge.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * CXone agent JWTs against mock-oauth2-server as the issuer (discovery, JWKS, RS256 signing). Only
 * the issuer {@code cxone} is allowed; the server's other issuers stand in for foreign ones.
 */
class CxoneTokenValidatorTests {

    static final MockOAuth2Server idp = new MockOAuth2Server();
    static final String TENANT = "11ef0000-de30-4000-8000-000000000001";
    static String issuer;

    @BeforeAll
    static void start() throws Exception {
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        issuer = idp.issuerUrl("cxone").toString();
    }

    @AfterAll
    static void stop() {
        idp.shutdown();
    }

    static CxoneTokenValidator validator(Clock clock, @Nullable String audience, String... issuers) {
        return new CxoneTokenValidator(new AgentProperties.Cxone(List.of(issuers), Map.of(), List.of(TENANT), audience,
                Set.of(SignatureAlgorithm.RS256), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5), null,
                "v27.0"),
                clock, UnaryOperator.identity());
    }

    static CxoneTokenValidator validator() {
        return validator(Clock.systemUTC(), null, issuer);
    }

    static String token(String issuerId, Map<String, Object> claims) {
        return idp.issueToken(issuerId, "user:11ef-u-1", "cxone-agent", claims, 3600).serialize();
    }

    static Map<String, Object> agentClaims(String tenant) {
        return Map.of("tenantId", tenant, "userId", "11ef-u-1", "name", "Grace Hopper", "icAgentId", "123456",
                "icBUId", "4600000");
    }

    @Test
    void aValidTokenGivesTheAgentsIdentity() {
        String token = token("cxone", agentClaims(TENANT));

        AgentIdentity agent = validator().validate(token);

        assertThat(agent.platform()).isEqualTo(AgentPlatform.CXONE);
        assertThat(agent.agentId()).isEqualTo("11ef-u-1");
        assertThat(agent.agentName()).isEqualTo("Grace Hopper");
        assertThat(agent.organizationId()).isEqualTo(TENANT);
        assertThat(agent.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(55)),
                Instant.now().plus(Duration.ofMinutes(61)));
    }

    @Test
    void withoutAUserIdClaimTheSubjectNamesTheAgent() {
        String token = token("cxone", Map.of("tenantId", TENANT));

        AgentIdentity agent = validator().validate(token);

        assertThat(agent.agentId()).isEqualTo("11ef-u-1");
        assertThat(agent.agentName()).as("no name claim: the id").isEqualTo("11ef-u-1");
    }

    @Test
    void anExpiredTokenIsRejectedBeyondTheThirtySecondSkew() {
        String token = token("cxone", agentClaims(TENANT));
        Clock justAfterExpiry = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(3600 + 20));
        Clock wellAfterExpiry = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(3600 + 45));

        assertThat(validator(justAfterExpiry, null, issuer).validate(token).agentId()).isEqualTo("11ef-u-1");
        assertThatThrownBy(() -> validator(wellAfterExpiry, null, issuer).validate(token))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("expired")
                .message().doesNotContain(token);
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() {
        String token = token("someone-else", agentClaims(TENANT));

        assertThatThrownBy(() -> validator().validate(token))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("issuer");
    }

    @Test
    void aTokenOfAnotherTenantIsRejected() {
        String token = token("cxone", agentClaims("11ef0000-0bad-4000-8000-000000000002"));

        assertThatThrownBy(() -> validator().validate(token))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("tenant not allowed");
    }

    @Test
    void aTokenWithoutTenantIsRejected() {
        String token = token("cxone", Map.of("userId", "11ef-u-1"));

        assertThatThrownBy(() -> validator().validate(token))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("tenant");
    }

    @Test
    void aForgedSignatureIsRejected() throws Exception {
        SignedJWT genuine = SignedJWT.parse(token("cxone", agentClaims(TENANT)));
        // same kid and claims, signed with a key the issuer never published
        RSAKey forger = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(genuine.getHeader().getKeyID()).type(JOSEObjectType.JWT).build(), genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(forger));

        assertThatThrownBy(() -> validator().validate(forged.serialize()))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("signature or algorithm");
    }

    @Test
    void anHs256TokenIsRejectedEvenWithTheRightClaims() throws Exception {
        SignedJWT genuine = SignedJWT.parse(token("cxone", agentClaims(TENANT)));
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(genuine.getHeader().getKeyID()).type(JOSEObjectType.JWT).build(), genuine.getJWTClaimsSet());
        hmac.sign(new MACSigner("a-shared-secret-anyone-could-guess-32b!"));

        assertThatThrownBy(() -> validator().validate(hmac.serialize()))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("signature or algorithm");
    }

    @Test
    void anUnsignedTokenIsRejected() throws Exception {
        SignedJWT genuine = SignedJWT.parse(token("cxone", agentClaims(TENANT)));
        String unsigned = new PlainJWT(genuine.getJWTClaimsSet()).serialize();

        assertThatThrownBy(() -> validator().validate(unsigned)).isInstanceOf(AgentTokenRejected.class);
    }

    @Test
    void aConfiguredAudienceMustBeInTheToken() {
        CxoneTokenValidator withAudience = validator(Clock.systemUTC(), "profile-bridge", issuer);
        String forUs = idp.issueToken("cxone", "user:11ef-u-1", "profile-bridge", agentClaims(TENANT), 3600).serialize();
        String forOthers = token("cxone", agentClaims(TENANT));

        assertThat(withAudience.validate(forUs).agentId()).isEqualTo("11ef-u-1");
        assertThatThrownBy(() -> withAudience.validate(forOthers))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("audience");
    }

    @Test
    void aTokenWithoutAnyAudienceIsRejectedWhenOneIsConfigured() throws Exception {
        CxoneTokenValidator withAudience = validator(Clock.systemUTC(), "profile-bridge", issuer);
        String noAudience = idp.issueToken("cxone", "client", new DefaultOAuth2TokenCallback("cxone", "user:11ef-u-1",
                "JWT", List.of(), agentClaims(TENANT), 600)).serialize();

        assertThat(SignedJWT.parse(noAudience).getJWTClaimsSet().getAudience()).isEmpty();
        assertThatThrownBy(() -> withAudience.validate(noAudience))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("audience");
    }

    @Test
    void somethingThatIsNoJwtIsRejected() {
        assertThatThrownBy(() -> validator().validate("not-a-jwt-at-all"))
                .isInstanceOf(AgentTokenRejected.class).hasMessageContaining("not a JWT");
    }

    @Test
    void anUnreachableIssuerMakesValidationUnavailableNotStartUpFail() throws Exception {
        String deadIssuer = "http://127.0.0.1:" + closedPort() + "/cxone";
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(deadIssuer).subject("user:u").claim("tenantId", TENANT)
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        token.sign(new RSASSASigner(key));

        CxoneTokenValidator validator = validator(Clock.systemUTC(), null, deadIssuer); // built without contact

        assertThatThrownBy(() -> validator.validate(token.serialize()))
                .isInstanceOf(AgentPlatformUnavailable.class).hasMessageContaining("unavailable");
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}

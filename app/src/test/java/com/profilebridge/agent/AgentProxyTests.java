package com.profilebridge.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.profilebridge.identity.InteractionLink;
import com.profilebridge.identity.InteractionLinks;
import com.profilebridge.identity.MatchType;
import com.profilebridge.profile.ProfileService;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import com.profilebridge.support.Http;
import com.profilebridge.support.LoopbackOAuth;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The REST proxy for other agent widgets, end to end: Genesys tokens checked against a WireMock
 * Genesys API, CXone tokens against mock-oauth2-server, profiles from a WireMock HTTP CDP (so every
 * CDP call is counted), audit rows in the embedded database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cdp.provider=http",
        "cdp.http.auth.type=api-key",
        "cdp.http.auth.api-key=" + AgentProxyTests.CDP_KEY,
        "bridge.agent.genesys.environments=mypurecloud.com,mypurecloud.de",
        "bridge.agent.genesys.organization-ids=" + AgentProxyTests.ORG,
        "bridge.agent.genesys.oauth-client-ids=c",
        "bridge.agent.cxone.tenant-ids=" + AgentProxyTests.TENANT,
        "bridge.agent.cxone.audience=cxone-agent",
        "bridge.demo.identity-endpoints=false"})
@ActiveProfiles({"demo", "test"})
class AgentProxyTests {

    static final String CDP_KEY = "cdp-service-account-key-5c1e";
    static final String ORG = "5e1f0c2a-7d3b-4c8e-9a61-0d3e0de30001";
    static final String TENANT = "11ef0000-de30-4000-8000-000000000001";
    /**
     * A new token per test: the bridge caches validations and, briefly, refusals by token hash, so a
     * token refused in one test would be refused from that cache in the next.
     */
    static String GENESYS_TOKEN = "gc-agent-token-3Hk9wQ2vLp";
    static final String SSN = "123-45-6789";
    static final String CARD = "4111111111111111";

    static final WireMockServer cdp = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final WireMockServer genesys = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final MockOAuth2Server cxone = LoopbackOAuth.start();

    static {
        cdp.start();
        genesys.start();
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("cdp.http.base-url", () -> "http://127.0.0.1:" + cdp.port());
        registry.add("bridge.agent.genesys.api-base-url-template", () -> "http://127.0.0.1:" + genesys.port() + "/{env}");
        registry.add("bridge.agent.cxone.issuers", () -> cxone.issuerUrl("cxone").toString());
    }

    @AfterAll
    static void stop() {
        cdp.stop();
        genesys.stop();
        cxone.shutdown();
    }

    @LocalServerPort
    int port;

    @Autowired
    ProfileService profiles;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    InteractionLinks links;

    @Autowired
    JdbcClient jdbc;


    @BeforeEach
    void reset() {
        GENESYS_TOKEN = "gc-agent-token-" + UUID.randomUUID();
        cdp.resetAll();
        genesys.resetAll();
        profiles.evictAllLocal();
        breakers.circuitBreaker("cdp-http").reset();
        stubCdpProfile("usr_7");
    }

    @Test
    void withoutATokenTheAnswerIsA401ProblemAndTheCdpIsNotAsked() {
        HttpResponse<String> response = call("/api/proxy/cdp/profile/usr_7", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(response).path("type").asString()).endsWith("/unauthorized");
        assertNoCdpCall();
    }

    @Test
    void aForgedCxoneTokenIsA401AndTheCdpIsNotAsked() throws Exception {
        SignedJWT genuine = SignedJWT.parse(cxoneToken(TENANT));
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(genuine.getHeader().getKeyID()).type(JOSEObjectType.JWT).build(), genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));

        HttpResponse<String> response = call("/api/proxy/cdp/profile/usr_7", bearer(forged.serialize()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        assertThat(json(response).path("type").asString()).endsWith("/invalid-agent-token");
        assertThat(response.body()).doesNotContain(forged.serialize());
        assertNoCdpCall();
    }

    @Test
    void anExpiredOrRevokedGenesysTokenIsA401AndTheCdpIsNotAsked() {
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.com/api/v2/tokens/me")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":\"bad.credentials\",\"status\":401}")));

        HttpResponse<String> response = call("/api/proxy/cdp/profile/usr_7", genesysHeaders("mypurecloud.com"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("detail").asString()).contains("expired or was revoked");
        assertThat(response.body()).doesNotContain(GENESYS_TOKEN);
        assertNoCdpCall();
    }

    @Test
    void aTokenOfAnotherOrganisationOrTenantIsA401AndTheCdpIsNotAsked() {
        stubGenesys("mypurecloud.com", "0badc0de-0000-4000-8000-000000000000");

        assertThat(call("/api/proxy/cdp/profile/usr_7", genesysHeaders("mypurecloud.com")).statusCode()).isEqualTo(401);
        assertThat(call("/api/proxy/cdp/profile/usr_7", bearer(cxoneToken("11ef0000-0bad-4000-8000-000000000002")))
                .statusCode()).isEqualTo(401);
        assertNoCdpCall();
    }

    @Test
    void aGenesysEnvironmentOffTheAllowlistIsA401AndNeitherGenesysNorTheCdpIsAsked() {
        HttpResponse<String> response = call("/api/proxy/cdp/profile/usr_7", genesysHeaders("evil.example.com"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(genesys.getAllServeEvents()).isEmpty();
        assertNoCdpCall();
    }

    @Test
    void anUnavailableGenesysIsA503NotA401() {
        genesys.stubFor(get(urlPathEqualTo("/mypurecloud.com/api/v2/tokens/me")).willReturn(aResponse().withStatus(502)));

        // a token of its own: one Genesys refused in another test is refused again for 30 s without asking
        HttpResponse<String> response = call("/api/proxy/cdp/profile/usr_7", Map.of("Authorization",
                "Bearer gc-agent-token-never-refused-7Qw", "X-Agent-Platform", "genesys",
                "X-Genesys-Environment", "mypurecloud.com"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("type").asString()).endsWith("/genesys-unavailable");
        assertNoCdpCall();
    }

    @Test
    void aValidGenesysTokenGetsTheMaskedProfileAndTheViewIsAudited() {
        stubGenesys("mypurecloud.de", ORG);
        int viewsBefore = proxyViews("usr_7");

        HttpResponse<String> response = call("/api/proxy/cdp/profile/usr_7", genesysHeaders("mypurecloud.de"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("cdp_user_id").asString()).isEqualTo("usr_7");
        assertThat(body.path("profile_source").asString()).isEqualTo("FRESH");
        assertThat(body.path("profile").path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(body.path("profile").path("email").asString()).isEqualTo("a***@example.com");
        assertThat(body.path("profile").path("attributes").path("ssn").asString()).isEqualTo("***-**-6789");
        assertThat(body.path("profile").path("attributes").path("credit_card_number").asString()).isEqualTo("**** 1111");
        assertThat(body.path("profile").path("attributes").has("cvv")).as("secrets are dropped").isFalse();
        assertThat(response.body()).doesNotContain(SSN, CARD, "4111 1111 1111 1111", "Ada.Lovelace@", "5551000007",
                CDP_KEY, GENESYS_TOKEN);
        assertThat(response.headers().map().toString()).doesNotContain(CDP_KEY);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));

        assertThat(proxyViews("usr_7")).isEqualTo(viewsBefore + 1);
        Map<String, Object> row = jdbc.sql("SELECT actor, organization, channel FROM audit_event "
                        + "WHERE cdp_user_id = 'usr_7' ORDER BY id DESC LIMIT 1").query().singleRow();
        assertThat(lowerKeys(row)).containsEntry("actor", "genesys:user-7").containsEntry("organization", ORG)
                .containsEntry("channel", "proxy");
    }

    @Test
    void aValidCxoneTokenIsRecognisedByItsShapeWithoutAPlatformHeader() {
        HttpResponse<String> response = call("/api/proxy/cdp/profile/usr_7", bearer(cxoneToken(TENANT)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("cdp_user_id").asString()).isEqualTo("usr_7");
        assertThat(genesys.getAllServeEvents()).as("a JWT is never sent to Genesys").isEmpty();
    }

    @Test
    void refreshTrueAsksTheCdpAgainWhileOtherwiseTheCacheAnswers() {
        stubGenesys("mypurecloud.de", ORG);
        Map<String, String> headers = genesysHeaders("mypurecloud.de");

        JsonNode first = json(call("/api/proxy/cdp/profile/usr_7", headers));
        JsonNode cached = json(call("/api/proxy/cdp/profile/usr_7", headers));
        cdp.verify(1, getRequestedFor(urlPathEqualTo("/v1/profiles/usr_7")));
        JsonNode refreshed = json(call("/api/proxy/cdp/profile/usr_7?refresh=true", headers));

        assertThat(first.path("profile_source").asString()).isEqualTo("FRESH");
        assertThat(cached.path("profile_source").asString()).isEqualTo("CACHED");
        assertThat(refreshed.path("profile_source").asString()).isEqualTo("FRESH");
        cdp.verify(2, getRequestedFor(urlPathEqualTo("/v1/profiles/usr_7")));
        genesys.verify(1, getRequestedFor(urlPathEqualTo("/mypurecloud.de/api/v2/tokens/me")));
    }

    @Test
    void anInteractionLinkedByTheIvrLeadsToItsCustomer() {
        stubGenesys("mypurecloud.de", ORG);
        links.record(new InteractionLink("conv-proxy-1", "usr_7", 0.95, MatchType.PHONE, "genesys", Instant.now()));

        HttpResponse<String> response = call("/api/proxy/cdp/profile?interactionId=conv-proxy-1",
                genesysHeaders("mypurecloud.de"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("cdp_user_id").asString()).isEqualTo("usr_7");
        assertThat(json(response).path("interaction_id").asString()).isEqualTo("conv-proxy-1");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE interaction_id = 'conv-proxy-1' AND channel = 'proxy'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anInteractionWithoutALinkIsA404ProblemAndTheCdpIsNotAsked() {
        stubGenesys("mypurecloud.de", ORG);

        HttpResponse<String> response = call("/api/proxy/cdp/profile?interactionId=conv-never-linked",
                genesysHeaders("mypurecloud.de"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("type").asString()).endsWith("/no-linked-customer");
        assertNoCdpCall();
    }

    @Test
    void whenTheAuditCannotBeWrittenNoProfileDataLeaves() {
        stubGenesys("mypurecloud.de", ORG);
        jdbc.sql("ALTER TABLE audit_event RENAME TO audit_event_paused").update();
        HttpResponse<String> response;
        try {
            response = call("/api/proxy/cdp/profile/usr_7", genesysHeaders("mypurecloud.de"));
        } finally {
            jdbc.sql("ALTER TABLE audit_event_paused RENAME TO audit_event").update();
        }

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("type").asString()).endsWith("/audit-unavailable");
        assertThat(json(response).has("profile")).isFalse();
        assertThat(response.body()).doesNotContain("Ada", "6789", "GOLD", "example.com");
    }

    @Test
    void theDemoIdentityEndpointsAreNotServedWhenSwitchedOff() {
        HttpResponse<String> response = new Http(port).postForm("/__demo/genesys/token", "agent=ada");

        assertThat(response.statusCode()).isNotEqualTo(200);
        assertThat(response.body()).doesNotContain("access_token");
    }

    private void assertNoCdpCall() {
        cdp.verify(0, getRequestedFor(urlPathMatching("/v1/profiles/.*")));
    }

    private int proxyViews(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE cdp_user_id = :u AND channel = 'proxy'")
                .param("u", userId).query(Integer.class).single();
    }

    private static Map<String, Object> lowerKeys(Map<String, Object> row) {
        Map<String, Object> lower = new LinkedHashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return lower;
    }

    private static String cxoneToken(String tenant) {
        return cxone.issueToken("cxone", "user:11ef-u-1", "cxone-agent",
                Map.of("tenantId", tenant, "userId", "11ef-u-1", "name", "Grace Hopper"), 3600).serialize();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static Map<String, String> genesysHeaders(String environment) {
        return Map.of("Authorization", "Bearer " + GENESYS_TOKEN, "X-Agent-Platform", "genesys",
                "X-Genesys-Environment", environment);
    }

    private static void stubGenesys(String env, String organization) {
        genesys.stubFor(get(urlPathEqualTo("/" + env + "/api/v2/tokens/me"))
                .withQueryParam("preserveIdleTTL", equalTo("true"))
                .withHeader("Authorization", equalTo("Bearer " + GENESYS_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"organization\":{\"id\":\"" + organization + "\",\"name\":\"Acme\"},"
                                + "\"homeOrganization\":{\"id\":\"" + organization + "\"},\"authorizedScope\":[],"
                                + "\"clonedUser\":false,\"OAuthClient\":{\"id\":\"c\"},"
                                + "\"expirationDate\":\"" + Instant.now().plus(Duration.ofHours(8)) + "\"}")));
        genesys.stubFor(get(urlPathEqualTo("/" + env + "/api/v2/users/me"))
                .withHeader("Authorization", equalTo("Bearer " + GENESYS_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"user-7\",\"name\":\"Agent Seven\"}")));
    }

    /** A CDP profile full of PII: the proxy must never pass any of it on unmasked. */
    private static void stubCdpProfile(String userId) {
        cdp.stubFor(get(urlPathEqualTo("/v1/profiles/" + userId))
                .withHeader("X-API-Key", equalTo(CDP_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"cdp_user_id":"%s","name":"Ada Lovelace","email":"Ada.Lovelace@Example.com",
                                 "phone":"+15551000007","tier":"GOLD","lifetime_value":1234.5,
                                 "ssn":"%s","credit_card_number":"4111 1111 1111 1111","cvv":"123",
                                 "notes":"Card %s read out, verified with SSN %s."}""".formatted(userId, SSN, CARD, SSN))));
    }

    private HttpResponse<String> call(String path, Map<String, String> headers) {
        return new Http(port).get(path, headers);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Http.json(response);
    }
}

package com.profilebridge.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.profilebridge.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.web.client.RestClient;

/**
 * The CXone participant check against a WireMock CXone: API discovery
 * ({@code {issuer}/.well-known/cxone-configuration?tenantId=} with {@code api_endpoint};
 * developer.niceincontact.com, Getting Started, "Perform API discovery"), the Real-Time Data API's
 * {@code GET /incontactapi/services/v27.0/contacts/active?agentId=} ({@code resultSet.activeContacts[]},
 * 204 when none) and the Reporting API's {@code GET .../contacts/completed?agentId=&startDate=&endDate=}
 * ({@code completedContacts[]}, {@code totalRecords}; 204 when none), ids written as numbers as CXone does.
 */
class CxoneParticipationTests {

    static final WireMockServer cxone = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());

    static {
        cxone.start();
    }

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    static final String TENANT = "11ef0000-de30-4000-8000-000000000001";
    static final String ISSUER = "http://127.0.0.1:" + cxone.port() + "/cxone";
    static final String API = "/api-c32/incontactapi/services/v27.0";
    static final String AGENT_ID = "100001";
    static final String CONTACT = "714250218331";
    static final AgentIdentity GRACE = new AgentIdentity(AgentPlatform.CXONE, "11ef0000-a9e0-4000-8000-0000000000b2",
            "Grace Hopper", TENANT, NOW.plus(Duration.ofHours(8)));

    final MovableClock clock = new MovableClock(NOW);
    final String token = token(Map.of("tenantId", TENANT, "icAgentId", AGENT_ID));
    CxoneParticipation participation;

    @AfterAll
    static void stop() {
        cxone.stop();
    }

    @BeforeEach
    void reset() {
        cxone.resetAll();
        participation = participation(null);
        cxone.stubFor(get(urlPathEqualTo("/cxone/.well-known/cxone-configuration")).withQueryParam("tenantId", equalTo(TENANT))
                .willReturn(json(200, """
                        {"private":false,"area":"c32","cluster":"B32","domain":"niceincontact.com",
                         "acdDomain":"nice-incontact.com","ui_endpoint":"https://na1.nice-incontact.com",
                         "auth_endpoint":"https://na1.nice-incontact.com","api_endpoint":"%s",
                         "tenantId":"%s"}""".formatted("http://127.0.0.1:" + cxone.port() + "/api-c32", TENANT))));
    }

    CxoneParticipation participation(@Nullable String apiEndpoint) {
        var properties = new AgentProperties.Cxone(List.of(ISSUER), Map.of(), List.of(TENANT), null,
                Set.of(SignatureAlgorithm.RS256), Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofMillis(1_500), apiEndpoint, "v27.0");
        return new CxoneParticipation(properties, RestClient.builder(), clock, UnaryOperator.identity(), Duration.ofHours(1));
    }

    @Test
    void aContactAmongTheAgentsActiveContactsIsTheAgentsAskedWithTheAgentsOwnToken() {
        cxone.stubFor(active().willReturn(json(200, activeContacts(CONTACT, AGENT_ID))));

        assertThat(check(CONTACT)).isEqualTo(Participation.PARTICIPANT);
        cxone.verify(1, getRequestedFor(urlPathEqualTo(API + "/contacts/active"))
                .withQueryParam("agentId", equalTo(AGENT_ID)).withHeader("Authorization", equalTo("Bearer " + token)));
        cxone.verify(0, getRequestedFor(urlPathEqualTo("/cxone/.well-known/cxone-configuration"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }

    @Test
    void aTransferredContactIsFoundByItsMasterContactId() {
        cxone.stubFor(active().willReturn(json(200, """
                {"resultSet":{"lastPollTime":"2026-11-28T09:59:58.000Z","activeContacts":[
                  {"contactId":714250219999,"masterContactId":%s,"agentId":%s,"teamId":4600001,"skillId":4521,
                   "mediaTypeName":"Call","state":"Active","contactStart":"2026-11-28T09:40:00.000Z"}]}}"""
                .formatted(CONTACT, AGENT_ID))));

        assertThat(check(CONTACT)).isEqualTo(Participation.PARTICIPANT);
    }

    @Test
    void aContactTheAgentCompletedRecentlyIsStillTheAgents() {
        cxone.stubFor(active().willReturn(aResponse().withStatus(204)));
        cxone.stubFor(completed().willReturn(json(200, """
                {"totalRecords":1,"completedContacts":[
                  {"contactId":%s,"masterContactId":%s,"agentId":%s,"teamId":4600001,"skillId":4521,
                   "mediaTypeName":"Call","contactStart":"2026-11-28T09:20:00.000Z","totalDurationSeconds":412,
                   "isLogged":true}]}""".formatted(CONTACT, CONTACT, AGENT_ID))));

        assertThat(check(CONTACT)).isEqualTo(Participation.PARTICIPANT);
        cxone.verify(getRequestedFor(urlPathEqualTo(API + "/contacts/completed"))
                .withQueryParam("agentId", equalTo(AGENT_ID))
                .withQueryParam("startDate", equalTo("2026-11-28T09:00:00Z"))
                .withQueryParam("endDate", equalTo("2026-11-28T10:00:00Z")));
    }

    @Test
    void aContactNeitherActiveNorRecentlyCompletedByTheAgentIsNotTheAgents() {
        cxone.stubFor(active().willReturn(json(200, activeContacts("714250210000", AGENT_ID))));
        cxone.stubFor(completed().willReturn(aResponse().withStatus(204)));

        assertThat(check(CONTACT)).isEqualTo(Participation.NOT_PARTICIPANT);
    }

    @Test
    void aListEntryOfAnotherAgentDoesNotCountEvenWhenTheFilterWasIgnored() {
        cxone.stubFor(active().willReturn(json(200, activeContacts(CONTACT, "100002"))));
        cxone.stubFor(completed().willReturn(aResponse().withStatus(204)));

        assertThat(check(CONTACT)).isEqualTo(Participation.NOT_PARTICIPANT);
    }

    @Test
    void aTokenWhoseSecurityProfileMayNotReadContactsIsUnconfirmed() {
        for (int status : new int[] {401, 403}) {
            cxone.stubFor(active().willReturn(json(status, "{\"error\":\"Forbidden\"}")));
            assertThat(check(CONTACT)).as("HTTP " + status).isEqualTo(Participation.UNCONFIRMED);
        }
    }

    @Test
    void aStrugglingCxoneIsUnavailable() {
        cxone.stubFor(active().willReturn(json(503, "{\"error\":\"Service Unavailable\"}")));
        assertThat(check(CONTACT)).isEqualTo(Participation.UNAVAILABLE);

        cxone.stubFor(active().willReturn(aResponse().withStatus(204)));
        cxone.stubFor(completed().willReturn(aResponse().withStatus(200).withFixedDelay(3_000)
                .withHeader("Content-Type", "application/json").withBody("{\"completedContacts\":[]}")));
        assertThat(check(CONTACT)).as("slower than the read timeout").isEqualTo(Participation.UNAVAILABLE);
    }

    @Test
    void anUnreachableDiscoveryIsUnavailableAndAnEndpointOnAForeignPlainHttpHostIsNotTrusted() {
        cxone.stubFor(get(urlPathEqualTo("/cxone/.well-known/cxone-configuration")).willReturn(json(500, "{}")));
        assertThat(check(CONTACT)).isEqualTo(Participation.UNAVAILABLE);

        cxone.stubFor(get(urlPathEqualTo("/cxone/.well-known/cxone-configuration"))
                .willReturn(json(200, "{\"api_endpoint\":\"http://attacker.example\"}")));
        assertThat(check(CONTACT)).isEqualTo(Participation.UNAVAILABLE);
        cxone.verify(0, getRequestedFor(urlPathEqualTo(API + "/contacts/active")));
    }

    @Test
    void theDiscoveredHostIsKeptAndAConfiguredOneIsUsedWithoutDiscovery() {
        cxone.stubFor(active().willReturn(json(200, activeContacts(CONTACT, AGENT_ID))));

        check(CONTACT);
        check(CONTACT);
        cxone.verify(1, getRequestedFor(urlPathEqualTo("/cxone/.well-known/cxone-configuration")));

        cxone.resetRequests();
        participation = participation("http://127.0.0.1:" + cxone.port() + "/api-c32/");
        assertThat(check(CONTACT)).isEqualTo(Participation.PARTICIPANT);
        cxone.verify(0, getRequestedFor(urlPathEqualTo("/cxone/.well-known/cxone-configuration")));
    }

    @Test
    void aTokenWithoutAnAcdAgentIdOrFromAnotherIssuerAsksNothing() {
        assertThat(participation.check(GRACE, new AgentCredential(AgentPlatform.CXONE,
                token(Map.of("tenantId", TENANT)), null), CONTACT)).isEqualTo(Participation.UNCONFIRMED);
        assertThat(participation.check(GRACE, new AgentCredential(AgentPlatform.CXONE,
                token("https://elsewhere.example", Map.of("tenantId", TENANT, "icAgentId", AGENT_ID)), null), CONTACT))
                .isEqualTo(Participation.UNCONFIRMED);
        cxone.verify(0, anyRequestedFor(anyUrl()));
    }

    private Participation check(String contact) {
        return participation.check(GRACE, new AgentCredential(AgentPlatform.CXONE, token, null), contact);
    }

    private static MappingBuilder active() {
        return get(urlPathEqualTo(API + "/contacts/active")).withQueryParam("agentId", equalTo(AGENT_ID));
    }

    private static MappingBuilder completed() {
        return get(urlPathEqualTo(API + "/contacts/completed")).withQueryParam("agentId", equalTo(AGENT_ID));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String activeContacts(String contactId, String agentId) {
        return """
                {"resultSet":{"lastPollTime":"2026-11-28T09:59:58.000Z","activeContacts":[
                  {"contactId":%s,"masterContactId":%s,"agentId":%s,"teamId":4600001,"teamName":"Support",
                   "skillId":4521,"skillName":"Support EN","mediaTypeName":"Call","mediaType":4,"state":"Active",
                   "stateId":5,"contactStart":"2026-11-28T09:40:00.000Z","isOutbound":false}]}}"""
                .formatted(contactId, contactId, agentId);
    }

    private static String token(Map<String, Object> claims) {
        return token(ISSUER, claims);
    }

    /** A CXone-shaped RS256 token (signature checked elsewhere: the check runs on validated tokens only). */
    private static String token(String issuer, Map<String, Object> claims) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer).subject("user:" + GRACE.agentId())
                    .expirationTime(Date.from(NOW.plus(Duration.ofHours(1))));
            claims.forEach(builder::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), builder.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package com.profilebridge.cdp.adobe;

import com.profilebridge.testing.MovableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.profilebridge.cdp.adobe.AepStub.ENTITIES;
import static com.profilebridge.cdp.adobe.AepStub.TOKEN;
import static com.profilebridge.cdp.adobe.AepStub.answer;
import static com.profilebridge.cdp.adobe.AepStub.entity;
import static com.profilebridge.cdp.adobe.AepStub.json;
import static com.profilebridge.cdp.adobe.AepStub.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpIdentifier.Kind;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpUnavailable;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Lookups, auth and the error taxonomy against a WireMock AEP built from Adobe's documentation. */
class AdobeCdpClientTests {

    static final AepStub aep = new AepStub();
    final MovableClock clock = new MovableClock(Instant.now());

    @AfterAll
    static void stop() {
        aep.server.stop();
    }

    @BeforeEach
    void reset() {
        aep.reset();
    }

    AdobeCdpClient client(String... overrides) {
        return AdobeCdpConfiguration.client(aep.properties(overrides), JsonMapper.builder().build(),
                RestClient.builder(), clock, RateLimiterRegistry.ofDefaults(), BulkheadRegistry.ofDefaults());
    }

    @Test
    void looksUpAPhoneInTheE164NamespaceWithTheFourHeadersAndMapsTheTraits() {
        aep.tokens(86399, "t1");
        aep.entities("t1", "+15551230001", "Phone_E.164",
                json(200, answer(entity("BVrqzwVv7o2p3naHvnsWpqZXv3KJgA", person("crm-42", "+15551230001", "jane@example.com")))));

        CdpMatches matches = client().lookup(new CdpIdentifier(Kind.PHONE, "+15551230001"));

        assertThat(matches.profiles()).hasSize(1);
        CdpProfile jane = matches.profiles().getFirst();
        assertThat(jane.userId()).as("the CRM namespace's id is the user id").isEqualTo("crm-42");
        assertThat(jane.name()).isEqualTo("Jane Doe");
        assertThat(jane.email()).isEqualTo("jane@example.com");
        assertThat(jane.phone()).isEqualTo("+15551230001");
        assertThat(jane.tier()).isEqualTo("GOLD");
        assertThat(jane.lifetimeValue()).isEqualByComparingTo(new BigDecimal("1234.5"));
        assertThat(jane.preferredChannel()).isEqualTo("sms");
        assertThat(jane.sentimentScore()).isEqualTo(0.7);
        assertThat(jane.updatedAt()).isEqualTo(Instant.parse("2026-11-20T10:15:30Z"));
        LoggedRequest call = aep.server.findAll(getRequestedFor(urlPathEqualTo(ENTITIES))).getFirst();
        assertThat(call.getUrl()).as("a '+' in the query would reach AEP as a space").contains("entityId=%2B15551230001");
        String fields = URLDecoder.decode(call.queryParameter("fields").firstValue(), StandardCharsets.UTF_8);
        assertThat(Arrays.asList(fields.split(","))).contains("identities", "identityMap", "loyalty.tier",
                "_acme.lifetimeValue", "person.name.fullName");
    }

    @Test
    void triesThePhoneNamespaceWhenTheE164NamespaceKnowsNobody() {
        aep.tokens(86399, "t1");
        aep.entities("t1", "+15551230002", "Phone_E.164", json(404, "{\"statusCode\":\"404\"}"));
        aep.entities("t1", "+15551230002", "Phone",
                json(200, answer(entity("A29cgveD5y64ezlhxjUXNzcm", person("crm-7", "+15551230002", "a@example.com")))));

        assertThat(client().lookup(new CdpIdentifier(Kind.PHONE, "+15551230002")).profiles())
                .extracting(CdpProfile::userId).containsExactly("crm-7");
        aep.server.verify(2, getRequestedFor(urlPathEqualTo(ENTITIES)));
    }

    @Test
    void looksUpAnEmailAndReadsTheCrmIdFromTheIdentityMap() {
        aep.tokens(86399, "t1");
        aep.entities("t1", "bob@example.com", "Email", json(200, answer(entity("GugxAW-lI0GupgAOYSxOHl0_UX1_", """
                {"identityMap":{"Email":[{"id":"bob@example.com"}],"crmid":[{"id":"crm-9","primary":true}]},
                 "person":{"name":{"fullName":"Bob Stone"}}}"""))));

        CdpProfile bob = client().lookup(new CdpIdentifier(Kind.EMAIL, "bob@example.com")).profiles().getFirst();

        assertThat(bob.userId()).as("namespaces compare case-insensitively").isEqualTo("crm-9");
        assertThat(bob.name()).isEqualTo("Bob Stone");
    }

    @Test
    void looksUpAUserIdInTheCrmNamespace() {
        aep.tokens(86399, "t1");
        aep.entities("t1", "crm-42", "CRMID",
                json(200, answer(entity("BVrq", person("crm-42", "+15551230001", "jane@example.com")))));

        AdobeCdpClient client = client();
        CdpMatches matches = client.lookup(new CdpIdentifier(Kind.USER_ID, "crm-42"));

        assertThat(matches.profiles()).extracting(CdpProfile::userId).containsExactly("crm-42");
        assertThat(client.profile("crm-42")).map(CdpProfile::tier).contains("GOLD");
    }

    @Test
    void anEntityWithoutACrmIdIsKnownByItsEntityIdAndFoundAgainByIt() {
        aep.tokens(86399, "t1");
        String anonymous = "{\"identities\":[{\"id\":\"+15551230003\",\"namespace\":{\"code\":\"Phone_E.164\"}}],"
                + "\"loyalty\":{\"tier\":\"SILVER\"}}";
        aep.entities("t1", "+15551230003", "Phone_E.164", json(200, answer(entity("GtghAUFkdGVzdDE", anonymous))));
        aep.entities("t1", "GtghAUFkdGVzdDE", "CRMID", json(404, "{\"statusCode\":\"404\"}"));
        aep.entities("t1", "GtghAUFkdGVzdDE", null, json(200, answer(entity("GtghAUFkdGVzdDE", anonymous))));

        AdobeCdpClient client = client();
        assertThat(client.lookup(new CdpIdentifier(Kind.PHONE, "+15551230003")).profiles())
                .extracting(CdpProfile::userId).containsExactly("GtghAUFkdGVzdDE");
        assertThat(client.profile("GtghAUFkdGVzdDE")).map(CdpProfile::tier).contains("SILVER");
    }

    @Test
    void aHouseholdPhoneIsSeveralPeople() {
        aep.tokens(86399, "t1");
        aep.entities("t1", "+15551230010", "Phone_E.164", json(200, answer(
                entity("XID-a", person("crm-mum", "+15551230010", "mum@example.com")),
                entity("XID-b", person("crm-son", "+15551230010", "son@example.com")))));
        // one graph stitched over a shared phone: two CRM ids in one entity are two people
        aep.entities("t1", "+15551230011", "Phone_E.164", json(200, answer(entity("XID-c", """
                {"identities":[{"id":"crm-a","namespace":{"code":"CRMID"}},{"id":"crm-b","namespace":{"code":"CRMID"}},
                               {"id":"+15551230011","namespace":{"code":"Phone_E.164"}}],
                 "person":{"name":{"fullName":"Whoever Merged"}}}"""))));

        AdobeCdpClient client = client();
        assertThat(client.lookup(new CdpIdentifier(Kind.PHONE, "+15551230010")).profiles())
                .extracting(CdpProfile::userId).containsExactly("crm-mum", "crm-son");
        List<CdpProfile> stitched = client.lookup(new CdpIdentifier(Kind.PHONE, "+15551230011")).profiles();
        assertThat(stitched).extracting(CdpProfile::userId).containsExactly("crm-a", "crm-b");
        assertThat(stitched).as("the merged traits belong to neither").extracting(CdpProfile::name).containsOnlyNulls();
    }

    @Test
    void theNotFoundBodyAndEmptyEntitiesAreNoMatchNeverAFailure() {
        aep.tokens(86399, "t1");
        for (String namespace : List.of("Phone_E.164", "Phone")) {
            aep.entities("t1", "+15551230020", namespace, json(404, "{\"statusCode\":\"404\"}"));
        }
        aep.entities("t1", "nobody@example.com", "Email", json(200, "{\"A29cgveD5y64e2RixjUXNzcm\":{\"entityId\":"
                + "\"A29cgveD5y64e2RixjUXNzcm\",\"sources\":[\"\"],\"entity\":{},\"lastModifiedAt\":\"1970-01-01T00:00:00Z\"}}"));
        aep.entities("t1", "crm-none", "CRMID", json(404, "{\"statusCode\":\"404\"}"));
        aep.entities("t1", "crm-none", null, json(404, "{\"statusCode\":\"404\"}"));

        AdobeCdpClient client = client();
        assertThat(client.lookup(new CdpIdentifier(Kind.PHONE, "+15551230020")).isEmpty()).isTrue();
        assertThat(client.lookup(new CdpIdentifier(Kind.EMAIL, "nobody@example.com")).isEmpty()).isTrue();
        assertThat(client.profile("crm-none")).isEmpty();
    }

    @Test
    void anIdentityGraphTooLargeIsNoMatchNotAnOutage() {
        aep.tokens(86399, "t1");
        aep.entities("t1", "shared@example.com", "Email", json(422, """
                {"message":"Too many related identities","cause":"UPS-ACC-1000011: graph exceeds 50 identities",
                 "statusCode":"422"}"""));

        assertThat(client().lookup(new CdpIdentifier(Kind.EMAIL, "shared@example.com")).isEmpty()).isTrue();
    }

    @Test
    void a429IsAnOutageCarryingTheBodysRetryAfterMs() {
        aep.tokens(86399, "t1");
        aep.entities("t1", "busy@example.com", "Email", json(429, """
                [{"message":"Too many requests","cause":"{\\"Errors\\":[\\"Request rate is large\\"]}",
                  "retryAfterMs":"500","statusCode":"429"}]"""));

        assertThatThrownBy(() -> client().lookup(new CdpIdentifier(Kind.EMAIL, "busy@example.com")))
                .isInstanceOfSatisfying(CdpUnavailable.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofMillis(500)));
    }

    @Test
    void aServerErrorIsAnOutageButAGatewayRefusalIsNot() {
        aep.tokens(86399, "t1");
        aep.entities("t1", "down@example.com", "Email", json(500, """
                {"message":"Unable to connect to server","cause":"Status Code - 500 : Connection Timeout","statusCode":"500"}"""));
        aep.entities("t1", "wrongorg@example.com", "Email",
                json(403, "{\"error_code\":\"403025\",\"message\":\"Profile is not valid for this organization\"}"));

        AdobeCdpClient client = client();
        assertThatThrownBy(() -> client.lookup(new CdpIdentifier(Kind.EMAIL, "down@example.com")))
                .isInstanceOf(CdpUnavailable.class);
        assertThatThrownBy(() -> client.lookup(new CdpIdentifier(Kind.EMAIL, "wrongorg@example.com")))
                .as("a configuration error must not open the breaker")
                .isInstanceOf(AdobeCdpClient.AdobeRefused.class).hasMessageContaining("403025");
    }

    @Test
    void oneImsTokenServesManyCallsAndIsRequestedAsAdobeDocumentsIt() {
        aep.tokens(86399, "t1", "t2");
        for (int i = 0; i < 3; i++) {
            aep.entities("t1", "p" + i + "@example.com", "Email",
                    json(200, answer(entity("X" + i, person("crm-" + i, "+1555123000" + i, "p" + i + "@example.com")))));
        }

        AdobeCdpClient client = client();
        for (int i = 0; i < 3; i++) {
            assertThat(client.lookup(new CdpIdentifier(Kind.EMAIL, "p" + i + "@example.com")).isEmpty()).isFalse();
        }

        aep.server.verify(1, postRequestedFor(urlPathEqualTo(TOKEN))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("scope=openid%2CAdobeID%2Cread_organizations")));
        assertThat(aep.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN))).getFirst().containsHeader("Authorization"))
                .as("IMS takes the client credentials in the form body").isFalse();
    }

    @Test
    void aTokenNearItsExpiryOnTheInjectedClockIsReplaced() {
        aep.tokens(86399, "t1", "t2");
        aep.entities("t1", "early@example.com", "Email", json(200, answer(entity("X1", person("crm-1", "+1", "early@example.com")))));
        aep.entities("t2", "late@example.com", "Email", json(200, answer(entity("X2", person("crm-2", "+2", "late@example.com")))));

        AdobeCdpClient client = client();
        assertThat(client.lookup(new CdpIdentifier(Kind.EMAIL, "early@example.com")).isEmpty()).isFalse();
        clock.advance(Duration.ofHours(24));
        assertThat(client.lookup(new CdpIdentifier(Kind.EMAIL, "late@example.com")).isEmpty()).isFalse();

        aep.server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
    }

    @Test
    void aTokenAepRefusesMidRunIsRefreshedOnceAndTheCallRepeated() {
        aep.tokens(86399, "t1", "t2");
        // t1 is revoked at AEP before its expiry: only t2 is accepted (the stub's default answer is 401013)
        aep.entities("t2", "jane@example.com", "Email",
                json(200, answer(entity("X", person("crm-42", "+15551230001", "jane@example.com")))));

        assertThat(client().lookup(new CdpIdentifier(Kind.EMAIL, "jane@example.com")).profiles())
                .extracting(CdpProfile::userId).containsExactly("crm-42");
        aep.server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
        assertThat(aep.server.findAll(getRequestedFor(urlPathEqualTo(ENTITIES))))
                .extracting(r -> r.getHeader("Authorization")).containsExactly("Bearer t1", "Bearer t2");
    }

    @Test
    void aTokenRefusedEvenWhenFreshIsAnOutageAfterExactlyOneRefresh() {
        aep.tokens(86399, "t1", "t2", "t3");

        assertThatThrownBy(() -> client().lookup(new CdpIdentifier(Kind.EMAIL, "jane@example.com")))
                .isInstanceOf(CdpUnavailable.class).hasMessageContaining("401");
        aep.server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
        aep.server.verify(2, getRequestedFor(urlPathEqualTo(ENTITIES)));
    }

    @Test
    void aFailingTokenEndpointIsAnOutage() {
        aep.server.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(json(400,
                "{\"error\":\"invalid_client\",\"error_description\":\"invalid client_id parameter\"}")));

        assertThatThrownBy(() -> client().lookup(new CdpIdentifier(Kind.EMAIL, "jane@example.com")))
                .isInstanceOf(CdpUnavailable.class).hasMessageContaining("invalid_client")
                .hasMessageNotContaining(AepStub.CLIENT_SECRET);
        aep.server.verify(0, getRequestedFor(urlPathEqualTo(ENTITIES)));
    }

    @Test
    void ourOwnRateLimitHoldsLookupsBackBeforeAepWould() {
        aep.tokens(86399, "t1");
        aep.entities("t1", "jane@example.com", "Email",
                json(200, answer(entity("X", person("crm-42", "+15551230001", "jane@example.com")))));
        AdobeCdpClient client = client("cdp.adobe.limits.lookups-per-second=1", "cdp.adobe.limits.lookup-wait=0ms");

        int throttled = 0;
        for (int i = 0; i < 5; i++) {
            try {
                client.lookup(new CdpIdentifier(Kind.EMAIL, "jane@example.com"));
            } catch (AdobeCdpClient.AdobeThrottled e) {
                throttled++;
            }
        }

        // five calls within a few milliseconds: one permit per second, two if a second boundary passed
        assertThat(throttled).isGreaterThanOrEqualTo(3);
        assertThat(aep.server.findAll(getRequestedFor(urlPathEqualTo(ENTITIES)))).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void theHealthPingIsAnAuthenticatedCheapCall() {
        aep.tokens(86399, "t1");
        aep.server.stubFor(AepStub.authenticated(get(urlPathEqualTo("/data/core/ups/config/mergePolicies")), "t1")
                .atPriority(1).willReturn(json(200, "{\"_page\":{\"totalCount\":1},\"children\":[]}")));
        AdobeCdpClient client = client();

        assertThat(client.ping()).isTrue();
        aep.server.stop();
        try {
            assertThat(client.ping()).isFalse();
        } finally {
            aep.server.start();
        }
    }
}

package com.profilebridge.cdp.salesforce;

import com.profilebridge.testing.MovableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.profilebridge.cdp.CdpDelivery;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpIdentifier.Kind;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpRejected;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.cdp.CdpUnavailable;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.math.BigDecimal;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Salesforce adapter against WireMock stubs written from the Data Cloud developer guide:
 * <ul>
 *   <li>OAuth client credentials / JWT bearer: help.salesforce.com "OAuth 2.0 Client Credentials
 *       Flow for Server-to-Server Integration" and "OAuth 2.0 JWT Bearer Flow" (token answer without
 *       {@code expires_in}, with {@code instance_url} as a full URL)</li>
 *   <li>Token exchange: developer.salesforce.com/docs/data/data-cloud-int/guide/c360-a-getting-started-with-cdp-apis
 *       ({@code POST {instance_url}/services/a360/token}; answer {@code access_token, instance_url}
 *       as a bare host, {@code token_type, issued_token_type, expires_in ~7200})</li>
 *   <li>Profile API: developer.salesforce.com/docs/atlas.en-us.c360a_api.meta/c360a_api/c360a_api_profile_dmname.htm
 *       and c360a_api_profile_dmname_id.htm ({@code {"data":[...],"done":true}}; {@code /{dmo}/{id}} with
 *       no match answers 200 with an empty list; 422 for an unknown field)</li>
 *   <li>Ingestion API: c360a_api_streaming_insert_example.htm and
 *       c360a_api_synchronous_record_validation.htm ({@code POST /api/v1/ingest/sources/{connector}/{object}},
 *       {@code {"data":[...]}}, less than 200 KB, every schema field in every record, 202
 *       {@code {"accepted":true}})</li>
 * </ul>
 */
class SalesforceCdpClientTests {

    static final WireMockServer salesforce = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final JsonMapper json = JsonMapper.builder().build();
    /** Like the application's mapper, which leaves nulls out (spring.jackson.default-property-inclusion). */
    static final JsonMapper appJson = JsonMapper.builder()
            .changeDefaultPropertyInclusion(any -> JsonInclude.Value.construct(Include.NON_NULL, Include.NON_NULL))
            .build();
    static final String PHONE = "+15551234567";
    static final String PROFILE_FIELDS = "ssot__Id__c,ssot__FirstName__c,ssot__LastName__c,Tier__c,LifetimeValue__c,"
            + "PreferredChannel__c,SentimentScore__c,ssot__LastModifiedDate__c";
    static final String INGEST = "/api/v1/ingest/sources/profile_bridge/interaction_outcome";

    static {
        salesforce.start();
    }

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T09:00:00Z"));
    SalesforceCdpClient client;

    @AfterAll
    static void stop() {
        salesforce.stop();
    }

    @BeforeEach
    void salesforceIssuesTokens() {
        salesforce.resetAll();
        stubCoreToken();
        stubExchange("dc-token-1", 7199);
        client = client(Map.of());
    }

    SalesforceCdpClient client(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "cdp.salesforce.login-url", base(),
                "cdp.salesforce.tenant-scheme", "http",
                "cdp.salesforce.auth.client-id", "3MVG9-consumer-key",
                "cdp.salesforce.auth.client-secret", "consumer-secret",
                "cdp.salesforce.ingest.connector", "profile_bridge",
                "cdp.salesforce.lookup.link-object", "UnifiedLinkssotIndividualIr01__dlm"));
        settings.putAll(overrides);
        SalesforceProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("cdp.salesforce", SalesforceProperties.class);
        return SalesforceCdpConfiguration.create(properties, appJson, RestClient.builder(), clock,
                BulkheadRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults());
    }

    static String base() {
        return "http://127.0.0.1:" + salesforce.port();
    }

    // --- auth -------------------------------------------------------------------------------

    static void stubCoreToken() {
        // the client credentials answer: instance_url is a full URL, there is no expires_in
        salesforce.stubFor(post(urlPathEqualTo("/services/oauth2/token"))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("client_id", equalTo("3MVG9-consumer-key"))
                .withFormParam("client_secret", equalTo("consumer-secret"))
                .willReturn(okJson("{\"access_token\":\"00Dxx0000001gPL!core-token\",\"signature\":\"c2ln\","
                        + "\"scope\":\"cdp_profile_api cdp_ingest_api api\",\"instance_url\":\"" + base() + "\","
                        + "\"id\":\"https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS\","
                        + "\"token_type\":\"Bearer\",\"issued_at\":\"1764579600000\"}")));
    }

    static void stubExchange(String token, int expiresIn) {
        // the exchange answers the tenant as a bare host: the client puts the scheme in front
        salesforce.stubFor(post(urlPathEqualTo("/services/a360/token"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("urn:salesforce:grant-type:external:cdp"))
                .withFormParam("subject_token", equalTo("00Dxx0000001gPL!core-token"))
                .withFormParam("subject_token_type", equalTo("urn:ietf:params:oauth:token-type:access_token"))
                .willReturn(okJson("{\"access_token\":\"" + token + "\",\"instance_url\":\"127.0.0.1:" + salesforce.port()
                        + "\",\"token_type\":\"Bearer\",\"issued_token_type\":\"urn:ietf:params:oauth:token-type:jwt\","
                        + "\"expires_in\":" + expiresIn + "}")));
    }

    @Test
    void exchangesTheSalesforceTokenAndCallsTheBareHostTenantWithTheDataCloudToken() {
        stubProfile("uid-1", row("uid-1", "Ana", "Silva"));

        assertThat(client.profile("uid-1")).isPresent();

        salesforce.verify(1, postRequestedFor(urlPathEqualTo("/services/oauth2/token")));
        salesforce.verify(1, postRequestedFor(urlPathEqualTo("/services/a360/token")));
        salesforce.verify(getRequestedFor(urlPathEqualTo("/api/v1/profile/UnifiedIndividual__dlm/uid-1"))
                .withHeader("Authorization", equalTo("Bearer dc-token-1")));
    }

    @Test
    void keepsTheDataCloudTokenUntilShortlyBeforeItExpiresThenExchangesAgain() {
        stubProfile("uid-1", row("uid-1", "Ana", "Silva"));
        client.profile("uid-1");
        clock.advance(Duration.ofMinutes(100));
        client.profile("uid-1");
        salesforce.verify(1, postRequestedFor(urlPathEqualTo("/services/a360/token")));

        stubExchange("dc-token-2", 7199);
        clock.advance(Duration.ofMinutes(20)); // 120 min: inside the 60 s skew of expires_in 7199 s
        client.profile("uid-1");

        salesforce.verify(2, postRequestedFor(urlPathEqualTo("/services/a360/token")));
        salesforce.verify(getRequestedFor(urlPathEqualTo("/api/v1/profile/UnifiedIndividual__dlm/uid-1"))
                .withHeader("Authorization", equalTo("Bearer dc-token-2")));
    }

    @Test
    void aTokenLivingShorterThanTheSkewIsStillReusedUntilHalfItsLife() {
        stubExchange("dc-token-short", 40);
        stubProfile("uid-1", row("uid-1", "Ana", "Silva"));
        client.profile("uid-1");
        clock.advance(Duration.ofSeconds(15));
        client.profile("uid-1");
        salesforce.verify(1, postRequestedFor(urlPathEqualTo("/services/a360/token")));

        clock.advance(Duration.ofSeconds(10));
        client.profile("uid-1");
        salesforce.verify(2, postRequestedFor(urlPathEqualTo("/services/a360/token")));
    }

    @Test
    void aTokenRevokedMidRunIsRefreshedOnceAndTheCallRetried() {
        salesforce.stubFor(profileGet("uid-1").withHeader("Authorization", equalTo("Bearer dc-token-1"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("[{\"errorCode\":\"INVALID_SESSION_ID\",\"message\":\"Session expired or invalid\"}]")));
        salesforce.stubFor(profileGet("uid-1").withHeader("Authorization", equalTo("Bearer dc-token-2"))
                .willReturn(okJson("{\"data\":[" + row("uid-1", "Ana", "Silva") + "],\"done\":true}")));
        client.lookup(new CdpIdentifier(Kind.USER_ID, "other")); // first token in use
        stubExchange("dc-token-2", 7199);

        assertThat(client.profile("uid-1")).map(CdpProfile::name).contains("Ana Silva");
        salesforce.verify(2, postRequestedFor(urlPathEqualTo("/services/a360/token")));
    }

    @Test
    void aSecond401AfterTheRefreshIsAnOutageWithoutAThirdExchange() {
        salesforce.stubFor(profileGet("uid-1").willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.profile("uid-1")).isInstanceOf(CdpUnavailable.class);
        salesforce.verify(2, postRequestedFor(urlPathEqualTo("/services/a360/token")));
        salesforce.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/profile/UnifiedIndividual__dlm/uid-1")));
    }

    @Test
    void aRefusedClientCredentialIsAnOutageNamingOnlyTheErrorCode() {
        salesforce.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}")));

        assertThatThrownBy(() -> client.profile("uid-1"))
                .isInstanceOf(CdpUnavailable.class)
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining("consumer-secret");
    }

    @Test
    void theJwtBearerFlowSignsAnAssertionForTheConnectedApp() throws Exception {
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        salesforce.stubFor(post(urlPathEqualTo("/services/oauth2/token"))
                .withFormParam("grant_type", equalTo("urn:ietf:params:oauth:grant-type:jwt-bearer"))
                .withFormParam("assertion", matching("[\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .willReturn(okJson("{\"access_token\":\"00Dxx0000001gPL!core-token\",\"scope\":\"cdp_api api\","
                        + "\"instance_url\":\"" + base() + "\",\"token_type\":\"Bearer\"}")));
        stubProfile("uid-1", row("uid-1", "Ana", "Silva"));
        SalesforceCdpClient jwt = client(Map.of("cdp.salesforce.auth.grant", "jwt-bearer",
                "cdp.salesforce.auth.client-secret", "",
                "cdp.salesforce.auth.username", "integration@example.com",
                "cdp.salesforce.auth.private-key", pem));

        assertThat(jwt.profile("uid-1")).isPresent();

        LoggedRequest token = salesforce.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))).getFirst();
        String assertion = token.formParameters().get("assertion").firstValue();
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(assertion.split("\\.")[1]));
        assertThat(claims.path("iss").asString()).isEqualTo("3MVG9-consumer-key");
        assertThat(claims.path("sub").asString()).isEqualTo("integration@example.com");
        assertThat(claims.path("aud").toString()).contains(base());
        assertThat(json.readTree(Base64.getUrlDecoder().decode(assertion.split("\\.")[0])).path("alg").asString())
                .isEqualTo("RS256");
    }

    @Test
    void refusesToStartWithoutItsSecretNamingTheEnvVariable() {
        assertThatThrownBy(() -> client(Map.of("cdp.salesforce.auth.client-secret", "")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CDP_SALESFORCE_AUTH_CLIENT_SECRET");
        assertThatThrownBy(() -> client(Map.of("cdp.salesforce.ingest.connector", "")))
                .hasMessageContaining("CDP_SALESFORCE_INGEST_CONNECTOR");
        assertThatThrownBy(() -> client(Map.of("cdp.salesforce.lookup.link-object", "")))
                .hasMessageContaining("CDP_SALESFORCE_LOOKUP_LINK_OBJECT");
        assertThatThrownBy(() -> client(Map.of("cdp.salesforce.mapping.tier", "Tier__c' OR 1=1")))
                .hasMessageContaining("no Data Cloud API name");
    }

    // --- lookups ----------------------------------------------------------------------------

    @Test
    void aPhoneResolvesThroughItsContactPointAndUnifiedLinkToTheUnifiedProfile() {
        stubContactPoints("ssot__ContactPointPhone__dlm", "ssot__FormattedE164PhoneNumber__c", PHONE, "ind-1");
        stubLink("ind-1", "uid-1");
        stubProfile("uid-1", "{\"ssot__Id__c\":\"uid-1\",\"ssot__FirstName__c\":\"Ana\",\"ssot__LastName__c\":\"Silva\","
                + "\"Tier__c\":\"Gold\",\"LifetimeValue__c\":1234.5,\"PreferredChannel__c\":\"sms\","
                + "\"SentimentScore__c\":0.4,\"ssot__LastModifiedDate__c\":\"2026-11-30T10:15:00.000Z\"}");

        CdpMatches matches = client.lookup(new CdpIdentifier(Kind.PHONE, PHONE));

        assertThat(matches.profiles()).singleElement().satisfies(p -> {
            assertThat(p.userId()).isEqualTo("uid-1");
            assertThat(p.name()).isEqualTo("Ana Silva");
            assertThat(p.tier()).isEqualTo("Gold");
            assertThat(p.lifetimeValue()).isEqualByComparingTo(new BigDecimal("1234.5"));
            assertThat(p.preferredChannel()).isEqualTo("sms");
            assertThat(p.sentimentScore()).isEqualTo(0.4);
            assertThat(p.phone()).isEqualTo(PHONE);
            assertThat(p.updatedAt()).isEqualTo(Instant.parse("2026-11-30T10:15:00Z"));
        });
        // a raw '+' in a query string arrives as a space: the number must go out as %2B
        assertThat(salesforce.findAll(getRequestedFor(urlPathEqualTo("/api/v1/profile/ssot__ContactPointPhone__dlm")))
                .getFirst().getUrl()).contains("%2B15551234567").contains("fields=ssot__PartyId__c");
    }

    @Test
    void withoutALinkObjectTheContactPointsPartyIsTheProfile() {
        SalesforceCdpClient unlinked = client(Map.of("cdp.salesforce.lookup.link-object", "none"));
        stubContactPoints("ssot__ContactPointPhone__dlm", "ssot__FormattedE164PhoneNumber__c", PHONE, "uid-1");
        stubProfile("uid-1", row("uid-1", "Ana", "Silva"));

        assertThat(unlinked.lookup(new CdpIdentifier(Kind.PHONE, PHONE)).profiles())
                .extracting(CdpProfile::userId).containsExactly("uid-1");
    }

    @Test
    void aHouseholdPhoneIsSeveralPeople() {
        stubContactPoints("ssot__ContactPointPhone__dlm", "ssot__FormattedE164PhoneNumber__c", PHONE, "ind-1", "ind-2");
        stubLink("ind-1", "uid-1");
        stubLink("ind-2", "uid-2");
        stubProfile("uid-1", row("uid-1", "Ana", "Silva"));
        stubProfile("uid-2", row("uid-2", "Rui", "Silva"));

        assertThat(client.lookup(new CdpIdentifier(Kind.PHONE, PHONE)).profiles())
                .extracting(CdpProfile::userId).containsExactly("uid-1", "uid-2");
    }

    @Test
    void twoSourceRecordsOfOnePersonAreOneMatch() {
        stubContactPoints("ssot__ContactPointPhone__dlm", "ssot__FormattedE164PhoneNumber__c", PHONE, "ind-1", "crm-9");
        stubLink("ind-1", "uid-1");
        stubLink("crm-9", "uid-1");
        stubProfile("uid-1", row("uid-1", "Ana", "Silva"));

        assertThat(client.lookup(new CdpIdentifier(Kind.PHONE, PHONE)).profiles())
                .extracting(CdpProfile::userId).containsExactly("uid-1");
        salesforce.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/profile/UnifiedIndividual__dlm/uid-1")));
    }

    @Test
    void anEmailResolvesThroughItsContactPoint() {
        stubContactPoints("ssot__ContactPointEmail__dlm", "ssot__EmailAddress__c", "ana@example.com", "ind-1");
        stubLink("ind-1", "uid-1");
        stubProfile("uid-1", row("uid-1", "Ana", "Silva"));

        assertThat(client.lookup(new CdpIdentifier(Kind.EMAIL, "ana@example.com")).profiles())
                .singleElement().satisfies(p -> assertThat(p.email()).isEqualTo("ana@example.com"));
    }

    @Test
    void emptyDataIsNoMatchOnEveryStep() {
        salesforce.stubFor(get(urlPathEqualTo("/api/v1/profile/ssot__ContactPointPhone__dlm"))
                .willReturn(okJson("{\"data\":[],\"done\":true}")));
        salesforce.stubFor(profileGet("uid-9").willReturn(okJson("{\"data\":[],\"done\":true}")));

        assertThat(client.lookup(new CdpIdentifier(Kind.PHONE, PHONE)).isEmpty()).isTrue();
        assertThat(client.profile("uid-9")).isEmpty();
        assertThat(client.lookup(new CdpIdentifier(Kind.USER_ID, "uid-9")).isEmpty()).isTrue();
    }

    @Test
    void aRowWithoutAnIdNamesNobody() {
        salesforce.stubFor(profileGet("uid-1").willReturn(okJson(
                "{\"data\":[{\"ssot__FirstName__c\":\"Ana\",\"Tier__c\":\"Gold\"}],\"done\":true}")));

        assertThat(client.profile("uid-1")).isEmpty();
    }

    @Test
    void anUnknownFieldIs422AndARefusalThatNeverCountsAsAnOutage() {
        salesforce.stubFor(profileGet("uid-1").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"errorCode\":\"UNPROCESSABLE_ENTITY\",\"message\":\"Tier__c does not exist\"}]")));

        assertThatThrownBy(() -> client.profile("uid-1"))
                .isInstanceOf(CdpRejected.class)
                .isNotInstanceOf(CdpUnavailable.class)
                .hasMessageContaining("422");
    }

    @Test
    void aRateLimitIsAnOutageCarryingRetryAfter() {
        salesforce.stubFor(profileGet("uid-1").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"Too many requests\"}]")));

        assertThatThrownBy(() -> client.profile("uid-1"))
                .isInstanceOfSatisfying(CdpUnavailable.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void aServerErrorIsAnOutage() {
        salesforce.stubFor(profileGet("uid-1").willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client.profile("uid-1")).isInstanceOf(CdpUnavailable.class);
    }

    @Test
    void moreConcurrentQueriesThanTheBulkheadAllowsAreRefusedBeforeSalesforceSeesThem() {
        SalesforceCdpClient narrow = client(Map.of("cdp.salesforce.limits.max-concurrent-queries", "1",
                "cdp.salesforce.limits.query-wait", "0ms", "cdp.salesforce.read-timeout", "5s"));
        narrow.profile("warm-up-token"); // the token exchange is no query
        salesforce.stubFor(profileGet("slow").willReturn(okJson("{\"data\":[],\"done\":true}").withFixedDelay(1500)));
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> narrow.profile("slow"));
        Awaitility.await().until(() -> !salesforce.findAll(
                getRequestedFor(urlPathEqualTo("/api/v1/profile/UnifiedIndividual__dlm/slow"))).isEmpty());

        assertThatThrownBy(() -> narrow.profile("uid-1"))
                .isInstanceOf(CdpUnavailable.class).hasMessageContaining("query slots");
        first.join();
        salesforce.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/profile/UnifiedIndividual__dlm/uid-1")));
    }

    // --- publishing -------------------------------------------------------------------------

    @Test
    void aBatchGoesOutAsOneIngestionRequestWithEverySchemaFieldInEveryRecord() {
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).willReturn(accepted()));

        Map<String, CdpDelivery> results = client.publish(List.of(event("msg-1"), event("msg-2")));

        assertThat(results).containsOnlyKeys("msg-1", "msg-2").allSatisfy((id, r) -> assertThat(r)
                .isEqualTo(CdpDelivery.delivered()));
        List<LoggedRequest> requests = salesforce.findAll(postRequestedFor(urlPathEqualTo(INGEST)));
        assertThat(requests).hasSize(1);
        assertThat(requests.getFirst().getHeader("Authorization")).isEqualTo("Bearer dc-token-1");
        JsonNode data = json.readTree(requests.getFirst().getBodyAsString()).path("data");
        Set<String> schema = IngestionRecords.SCHEMA.stream().map(IngestionRecords.Column::name).collect(Collectors.toSet());
        assertThat(data).hasSize(2).allSatisfy(record -> assertThat(record.propertyNames()).containsExactlyInAnyOrderElementsOf(schema));
        assertThat(data.get(0).path("message_id").asString()).isEqualTo("msg-1");
        assertThat(data.get(0).path("individual_id").asString()).isEqualTo("uid-1");
        assertThat(data.get(0).path("revision").isNumber()).isTrue();
        assertThat(data.get(0).path("notes").isNull()).isTrue();
    }

    @Test
    void aRecordDataCloudRefusesGoesToDeadLettersAloneAndTheRestIsDelivered() {
        // the Ingestion API validates the whole request: any request holding msg-bad is a 400
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).atPriority(1).withRequestBody(containing("\"msg-bad\""))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("[{\"errorCode\":\"INVALID_REQUEST\",\"message\":\"Invalid value for field disposition\"}]")));
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).atPriority(5).willReturn(accepted()));
        List<CdpTrackEvent> batch = new ArrayList<>();
        IntStream.range(0, 7).forEach(i -> batch.add(event("msg-" + i)));
        batch.add(3, event("msg-bad"));

        Map<String, CdpDelivery> results = client.publish(batch);

        assertThat(results.get("msg-bad")).isInstanceOf(CdpDelivery.Refused.class);
        assertThat(results).hasSize(8).allSatisfy((id, r) -> {
            if (!id.equals("msg-bad")) {
                assertThat(r).isEqualTo(CdpDelivery.delivered());
            }
        });
    }

    @Test
    void aRecordThatFailsTheSchemaIsRefusedWithoutASingleRequest() {
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).willReturn(accepted()));
        Map<String, Object> badRevision = new LinkedHashMap<>(event("x").properties());
        badRevision.put("revision", "second");

        Map<String, CdpDelivery> results = client.publish(List.of(
                new CdpTrackEvent("msg-nan", "uid-1", "Interaction Outcome", Instant.parse("2026-12-01T08:00:00Z"), badRevision),
                new CdpTrackEvent("msg-nouser", " ", "Interaction Outcome", Instant.parse("2026-12-01T08:00:00Z"), Map.of()),
                event("msg-ok")));

        assertThat(results.get("msg-nan")).isInstanceOfSatisfying(CdpDelivery.Refused.class,
                r -> assertThat(r.reason()).contains("revision"));
        assertThat(results.get("msg-nouser")).isInstanceOf(CdpDelivery.Refused.class);
        assertThat(results.get("msg-ok")).isEqualTo(CdpDelivery.delivered());
        assertThat(json.readTree(salesforce.findAll(postRequestedFor(urlPathEqualTo(INGEST))).getFirst().getBodyAsString())
                .path("data")).hasSize(1);
    }

    @Test
    void aBatchOverTheSizeLimitIsSplitIntoRequestsUnderIt() {
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).willReturn(accepted()));
        SalesforceCdpClient small = client(Map.of("cdp.salesforce.ingest.max-request-bytes", "3000"));
        List<CdpTrackEvent> batch = IntStream.range(0, 10).mapToObj(i -> event("msg-" + i, "x".repeat(900))).toList();

        Map<String, CdpDelivery> results = small.publish(batch);

        assertThat(results.values()).containsOnly(CdpDelivery.delivered());
        List<LoggedRequest> requests = salesforce.findAll(postRequestedFor(urlPathEqualTo(INGEST)));
        assertThat(requests.size()).isGreaterThan(3);
        assertThat(requests).allSatisfy(r -> assertThat(r.getBody().length).isLessThanOrEqualTo(3000));
        assertThat(requests.stream().mapToInt(r -> json.readTree(r.getBodyAsString()).path("data").size()).sum())
                .isEqualTo(10);
    }

    @Test
    void aRecordTooLargeForAnyRequestIsRefusedAlone() {
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).willReturn(accepted()));
        SalesforceCdpClient small = client(Map.of("cdp.salesforce.ingest.max-request-bytes", "3000"));

        Map<String, CdpDelivery> results = small.publish(List.of(event("msg-huge", "x".repeat(4000)), event("msg-1")));

        assertThat(results.get("msg-huge")).isInstanceOf(CdpDelivery.Refused.class);
        assertThat(results.get("msg-1")).isEqualTo(CdpDelivery.delivered());
    }

    @Test
    void a413IsSplitUntilTheRequestsFit() {
        // a gateway that finds a request of more than two records too large
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).atPriority(1)
                .withRequestBody(matching("(?s).*(\"message_id\".*){3,}.*"))
                .willReturn(aResponse().withStatus(413)));
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).atPriority(5).willReturn(accepted()));

        Map<String, CdpDelivery> results = client.publish(IntStream.range(0, 6).mapToObj(i -> event("msg-" + i)).toList());

        assertThat(results.values()).containsOnly(CdpDelivery.delivered());
    }

    @Test
    void aRateLimitStopsTheRoundRetryingThatRequestAndNotSendingTheRest() {
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        SalesforceCdpClient small = client(Map.of("cdp.salesforce.ingest.max-records", "2"));

        Map<String, CdpDelivery> results = small.publish(IntStream.range(0, 4).mapToObj(i -> event("msg-" + i)).toList());

        assertThat(results.get("msg-0")).isEqualTo(new CdpDelivery.RetryLater("Data Cloud ingestion answered HTTP 429",
                Duration.ofSeconds(30)));
        assertThat(results.get("msg-1")).isInstanceOf(CdpDelivery.RetryLater.class);
        assertThat(results.get("msg-2")).isInstanceOf(CdpDelivery.NotSent.class);
        assertThat(results.get("msg-3")).isInstanceOf(CdpDelivery.NotSent.class);
        salesforce.verify(1, postRequestedFor(urlPathEqualTo(INGEST)));
    }

    @Test
    void anIngestionTokenRejectedMidRunIsRefreshedOnce() {
        client.profile("any"); // dc-token-1 in use
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).withHeader("Authorization", equalTo("Bearer dc-token-1"))
                .willReturn(aResponse().withStatus(401)));
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).withHeader("Authorization", equalTo("Bearer dc-token-2"))
                .willReturn(accepted()));
        stubExchange("dc-token-2", 7199);

        assertThat(client.publish(List.of(event("msg-1"))).get("msg-1")).isEqualTo(CdpDelivery.delivered());
        salesforce.verify(2, postRequestedFor(urlPathEqualTo(INGEST)));
    }

    @Test
    void theOwnRequestRateIsEnforcedBeforeSalesforceSeesTheRequests() {
        salesforce.stubFor(post(urlPathEqualTo(INGEST)).willReturn(accepted()));
        SalesforceCdpClient slow = client(Map.of("cdp.salesforce.limits.ingest-requests-per-second", "1",
                "cdp.salesforce.limits.ingest-permit-wait", "0ms", "cdp.salesforce.ingest.max-records", "1"));

        Map<String, CdpDelivery> results = slow.publish(List.of(event("msg-1"), event("msg-2"), event("msg-3")));

        assertThat(results.get("msg-1")).isEqualTo(CdpDelivery.delivered());
        assertThat(results.get("msg-2")).isInstanceOf(CdpDelivery.RetryLater.class);
        assertThat(results.get("msg-3")).isInstanceOf(CdpDelivery.NotSent.class);
        salesforce.verify(1, postRequestedFor(urlPathEqualTo(INGEST)));
    }

    @Test
    void secretsAndTokensNeverShowInToString() {
        SalesforceProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "cdp.salesforce.auth.client-secret", "consumer-secret")))
                .bindOrCreate("cdp.salesforce", SalesforceProperties.class);
        assertThat(properties.toString()).doesNotContain("consumer-secret");
        assertThat(new DataCloudTokens.Token("dc-secret-token", java.net.URI.create("https://t.c360a.salesforce.com"),
                Instant.EPOCH).toString()).doesNotContain("dc-secret-token");
    }

    // --- helpers ----------------------------------------------------------------------------

    static MappingBuilder profileGet(String id) {
        return get(urlPathEqualTo("/api/v1/profile/UnifiedIndividual__dlm/" + id))
                .withQueryParam("fields", equalTo(PROFILE_FIELDS));
    }

    static void stubProfile(String id, String row) {
        salesforce.stubFor(profileGet(id).willReturn(okJson("{\"data\":[" + row + "],\"done\":true}")));
    }

    static void stubContactPoints(String dmo, String field, String value, String... parties) {
        String rows = java.util.Arrays.stream(parties).map(p -> "{\"ssot__PartyId__c\":\"" + p + "\"}")
                .collect(Collectors.joining(","));
        salesforce.stubFor(get(urlPathEqualTo("/api/v1/profile/" + dmo))
                .withQueryParam("fields", equalTo("ssot__PartyId__c"))
                .withQueryParam("filters", equalTo("[" + field + "=" + value + "]"))
                .willReturn(okJson("{\"data\":[" + rows + "],\"done\":true}")));
    }

    static void stubLink(String party, String unified) {
        salesforce.stubFor(get(urlPathEqualTo("/api/v1/profile/UnifiedLinkssotIndividualIr01__dlm"))
                .withQueryParam("fields", equalTo("UnifiedRecordId__c"))
                .withQueryParam("filters", equalTo("[SourceRecordId__c=" + party + "]"))
                .willReturn(okJson("{\"data\":[{\"UnifiedRecordId__c\":\"" + unified + "\"}],\"done\":true}")));
    }

    static String row(String id, String first, String last) {
        return "{\"ssot__Id__c\":\"" + id + "\",\"ssot__FirstName__c\":\"" + first + "\",\"ssot__LastName__c\":\"" + last + "\"}";
    }

    static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{\"accepted\":true}");
    }

    static CdpTrackEvent event(String messageId) {
        return event(messageId, "Sale closed");
    }

    static CdpTrackEvent event(String messageId, String summary) {
        return new CdpTrackEvent(messageId, "uid-1", "Interaction Outcome", Instant.parse("2026-12-01T08:00:00Z"),
                Map.of("interactionId", "conv-1", "revision", 1, "disposition", "Sale", "channel", "voice",
                        "summary", summary));
    }

}

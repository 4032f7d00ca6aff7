package com.profilebridge.cdp.segment;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.profilebridge.cdp.segment.SegmentStub.PROFILES;
import static com.profilebridge.cdp.segment.SegmentStub.basic;
import static com.profilebridge.cdp.segment.SegmentStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpIdentifier.Kind;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpUnavailable;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Lookups against a WireMock Profile API written from Segment's documentation (see {@link SegmentStub}). */
class SegmentProfilesTests {

    static final WireMockServer segment = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static final String PHONE = "phone_number:%2B15551230001";
    static final String FULL_TRAITS = """
            {"name":"Ada Lovelace","email":"ada@example.com","phone":"+15551230001","tier":"GOLD",
             "lifetime_value":1234.5,"preferred_channel":"sms","sentiment_score":0.72,"notes":"prefers mornings",
             "ssn":"123-45-6789",
             "recent_orders":[{"id":"ord-1","placed_at":"2026-11-20T10:00:00Z","total":99.9,"status":"shipped"},"ord-0"],
             "recent_interactions":[{"at":"2026-11-21T10:00:00Z","channel":"voice","outcome":"Resolved",
                                     "summary":"billing question","interaction_id":"conv-1"}]}""";

    static {
        segment.start();
    }

    final List<SegmentCdpClient> clients = new ArrayList<>();
    final SegmentSettings settings = new SegmentSettings("http://127.0.0.1:" + segment.port());
    RateLimiterRegistry rateLimiters = RateLimiterRegistry.ofDefaults();
    BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();

    @AfterAll
    static void stop() {
        segment.stop();
    }

    @BeforeEach
    void reset() {
        segment.resetAll();
        SegmentStub.defaults(segment, SegmentSettings.TOKEN);
    }

    @AfterEach
    void close() {
        clients.forEach(SegmentCdpClient::close);
    }

    SegmentCdpClient client() {
        SegmentCdpClient client = SegmentConfiguration.create(settings.build(), JsonMapper.builder().build(),
                Clock.systemUTC(), rateLimiters, bulkheads);
        clients.add(client);
        return client;
    }

    @Test
    void looksUpAPhoneByItsPercentEncodedIdentifierWithTheTraitProjectionAndTheAccessToken() {
        SegmentStub.traits(segment, PHONE, FULL_TRAITS);
        SegmentStub.externalIds(segment, PHONE, "usr_ada");

        CdpMatches matches = client().lookup(new CdpIdentifier(Kind.PHONE, "+15551230001"));

        assertThat(matches.profiles()).extracting(CdpProfile::userId).containsExactly("usr_ada");
        LoggedRequest traits = segment.findAll(getRequestedFor(urlPathEqualTo(PROFILES + PHONE + "/traits"))).getFirst();
        assertThat(traits.getUrl()).contains("phone_number:%2B15551230001/traits?include=name,email,phone,tier,"
                + "lifetime_value,preferred_channel,sentiment_score,recent_orders,recent_interactions,notes&limit=10");
        assertThat(traits.getHeader("Authorization")).isEqualTo(basic(SegmentSettings.TOKEN));
        segment.verify(getRequestedFor(urlPathEqualTo(PROFILES + PHONE + "/external_ids"))
                .withQueryParam("include", equalTo("user_id")));
        assertThat(segment.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
    }

    @Test
    void aRawPlusIsNeverSentBecauseSegmentDoesNotFindIt() {
        SegmentStub.traits(segment, PHONE, FULL_TRAITS);
        SegmentStub.externalIds(segment, PHONE, "usr_ada");

        client().lookup(new CdpIdentifier(Kind.PHONE, "+15551230001"));

        assertThat(segment.findAll(anyRequestedFor(anyUrl()))).extracting(LoggedRequest::getUrl)
                .allSatisfy(url -> assertThat(url).doesNotContain("+").contains("%2B"));
    }

    @Test
    void mapsTheConfiguredTraitsOntoTheProfile() {
        settings.extra = List.of("ssn");
        SegmentStub.traits(segment, PHONE, FULL_TRAITS);
        SegmentStub.externalIds(segment, PHONE, "usr_ada");

        CdpProfile p = client().lookup(new CdpIdentifier(Kind.PHONE, "+15551230001")).profiles().getFirst();

        assertThat(p.name()).isEqualTo("Ada Lovelace");
        assertThat(p.email()).isEqualTo("ada@example.com");
        assertThat(p.phone()).isEqualTo("+15551230001");
        assertThat(p.tier()).isEqualTo("GOLD");
        assertThat(p.lifetimeValue()).isEqualByComparingTo(new BigDecimal("1234.5"));
        assertThat(p.preferredChannel()).isEqualTo("sms");
        assertThat(p.sentimentScore()).isEqualTo(0.72);
        assertThat(p.notes()).isEqualTo("prefers mornings");
        assertThat(p.attributes()).containsEntry("ssn", "123-45-6789");
        assertThat(p.recentOrders()).extracting(CdpProfile.Order::id).containsExactly("ord-1", "ord-0");
        assertThat(p.recentOrders().getFirst().placedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(p.recentInteractions()).singleElement()
                .satisfies(i -> assertThat(i.interactionId()).isEqualTo("conv-1"));
        assertThat(segment.findAll(getRequestedFor(urlPathEqualTo(PROFILES + PHONE + "/traits"))).getFirst().getUrl())
                .contains(",ssn&limit=11");
    }

    @Test
    void theTraitNamesComeFromConfiguration() {
        SegmentProperties.Traits renamed = new SegmentProperties.Traits("full_name", "", "", "loyalty_level", "ltv",
                "", "", "", "", "", List.of(), null);
        SegmentTraitMapper mapper = new SegmentTraitMapper(renamed);
        CdpProfile p = mapper.toProfile("usr_1", JsonMapper.builder().build().readTree(
                "{\"full_name\":\"Bo\",\"loyalty_level\":\"PLATINUM\",\"ltv\":\"12.50\",\"tier\":\"GOLD\",\"email\":\"x@y\"}"));

        assertThat(mapper.projection()).containsExactly("full_name", "loyalty_level", "ltv");
        assertThat(p.name()).isEqualTo("Bo");
        assertThat(p.tier()).isEqualTo("PLATINUM");
        assertThat(p.lifetimeValue()).isEqualByComparingTo("12.50");
        assertThat(p.email()).as("a blank trait name maps nothing").isNull();
    }

    @Test
    void aNotFoundBodyIsNoMatchForEveryKindOfIdentifier() {
        SegmentCdpClient client = client();

        assertThat(client.lookup(new CdpIdentifier(Kind.PHONE, "+15559990000")).isEmpty()).isTrue();
        assertThat(client.lookup(new CdpIdentifier(Kind.EMAIL, "nobody@example.com")).isEmpty()).isTrue();
        assertThat(client.lookup(new CdpIdentifier(Kind.USER_ID, "usr_gone")).isEmpty()).isTrue();
        assertThat(client.profile("usr_gone")).isEmpty();
        segment.verify(getRequestedFor(urlPathEqualTo(PROFILES + "email:nobody%40example.com/traits")));
        segment.verify(getRequestedFor(urlPathEqualTo(PROFILES + "user_id:usr_gone/traits")));
    }

    @Test
    void aProfileWithoutAUserIdIsNoMatch() {
        SegmentStub.traits(segment, PHONE, FULL_TRAITS);
        SegmentStub.externalIds(segment, PHONE); // anonymous only

        assertThat(client().lookup(new CdpIdentifier(Kind.PHONE, "+15551230001")).isEmpty()).isTrue();
    }

    @Test
    void looksUpAUserIdWithOneTraitsCall() {
        SegmentStub.traits(segment, "user_id:usr_ada", FULL_TRAITS);

        assertThat(client().profile("usr_ada")).get().extracting(CdpProfile::tier).isEqualTo("GOLD");
        assertThat(client().lookup(new CdpIdentifier(Kind.USER_ID, "usr_ada")).profiles())
                .extracting(CdpProfile::userId).containsExactly("usr_ada");
        segment.verify(0, getRequestedFor(urlPathEqualTo(PROFILES + "user_id:usr_ada/external_ids")));
    }

    @Test
    void aRateLimitedAnswerIsAnOutageCarryingItsRetryAfter() {
        segment.stubFor(get(urlPathEqualTo(PROFILES + "user_id:usr_ada/traits")).willReturn(
                json(429, "{\"error\":{\"code\":\"rate_limit_error\",\"message\":\"Too many requests\"}}")
                        .withHeader("Retry-After", "3")));

        assertThatThrownBy(() -> client().profile("usr_ada"))
                .isInstanceOfSatisfying(CdpUnavailable.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
                    assertThat(e.getMessage()).contains("429", "rate_limit_error");
                });
    }

    @Test
    void serverErrorsAndSlowAnswersAreOutages() {
        segment.stubFor(get(urlPathEqualTo(PROFILES + "user_id:usr_5xx/traits")).willReturn(json(503, "{}")));
        settings.readTimeout = Duration.ofMillis(200);
        segment.stubFor(get(urlPathEqualTo(PROFILES + "user_id:usr_slow/traits"))
                .willReturn(json(200, "{\"traits\":{}}").withFixedDelay(1500)));
        SegmentCdpClient client = client();

        assertThatThrownBy(() -> client.profile("usr_5xx")).isInstanceOf(CdpUnavailable.class);
        assertThatThrownBy(() -> client.profile("usr_slow")).isInstanceOf(CdpUnavailable.class).hasMessageContaining("slow");
    }

    @Test
    void anInvalidRequestIsNoMatchAndNotAnOutage() {
        segment.stubFor(get(urlPathEqualTo(PROFILES + "user_id:bad%21/traits")).willReturn(json(400,
                "{\"error\":{\"code\":\"validation_error\",\"message\":\"The parameter has invalid character(s)\"}}")));

        assertThat(client().profile("bad!")).isEmpty();
    }

    @Test
    void aLookupOverOurRateLimitFailsFastWithoutReachingSegment() {
        rateLimiters.rateLimiter(SegmentConfiguration.RATE_LIMITER, RateLimiterConfig.custom()
                .limitForPeriod(2).limitRefreshPeriod(Duration.ofHours(1)).timeoutDuration(Duration.ZERO).build());
        SegmentStub.traits(segment, PHONE, FULL_TRAITS);
        SegmentStub.externalIds(segment, PHONE, "usr_ada");
        SegmentCdpClient client = client();
        client.lookup(new CdpIdentifier(Kind.PHONE, "+15551230001"));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.lookup(new CdpIdentifier(Kind.PHONE, "+15551230001")))
                .isInstanceOf(CdpUnavailable.class).hasMessageContaining("rate limit");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(segment.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
    }

    @Test
    void aLookupBeyondTheConcurrencyLimitFailsFast() {
        bulkheads.bulkhead(SegmentConfiguration.BULKHEAD, BulkheadConfig.custom()
                .maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build());
        SegmentCdpClient client = client();
        bulkheads.bulkhead(SegmentConfiguration.BULKHEAD).tryAcquirePermission(); // one call in flight

        assertThatThrownBy(() -> client.profile("usr_ada")).isInstanceOf(CdpUnavailable.class)
                .hasMessageContaining("in flight");
        assertThat(segment.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aHouseholdTraitTurnsASharedPhoneIntoSeveralMatches() {
        settings.household = "household_user_ids";
        SegmentStub.traits(segment, PHONE, "{\"name\":\"Ada\",\"household_user_ids\":[\"usr_ada\",\"usr_bob\",\"usr_cy\"]}");
        SegmentStub.externalIds(segment, PHONE, "usr_ada");
        SegmentStub.traits(segment, "user_id:usr_bob", "{\"name\":\"Bob\",\"tier\":\"SILVER\"}");
        segment.stubFor(get(urlPathEqualTo(PROFILES + "user_id:usr_cy/traits")).willReturn(json(503, "{}")));

        CdpMatches matches = client().lookup(new CdpIdentifier(Kind.PHONE, "+15551230001"));

        assertThat(matches.profiles()).extracting(CdpProfile::userId).containsExactly("usr_ada", "usr_bob", "usr_cy");
        assertThat(matches.profiles().get(1).name()).isEqualTo("Bob");
        assertThat(matches.profiles().get(2).name()).as("a member Segment could not return still counts").isNull();
        assertThat(segment.findAll(getRequestedFor(urlPathEqualTo(PROFILES + PHONE + "/traits"))).getFirst().getUrl())
                .contains("household_user_ids");
    }

    @Test
    void withoutAHouseholdTraitAPhoneNamesOnePerson() {
        SegmentStub.traits(segment, PHONE, "{\"name\":\"Ada\",\"household_user_ids\":[\"usr_bob\"]}");
        SegmentStub.externalIds(segment, PHONE, "usr_ada");

        assertThat(client().lookup(new CdpIdentifier(Kind.PHONE, "+15551230001")).profiles()).hasSize(1);
    }

    @Test
    void on401TheTokenFileIsReadAgainAndTheCallRetriedOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "old-token\n");
        settings.accessToken = null;
        settings.accessTokenFile = file;
        SegmentStub.traits(segment, "user_id:usr_ada", FULL_TRAITS); // accepts TOKEN only
        SegmentCdpClient client = client();

        Files.writeString(file, SegmentSettings.TOKEN + "\n"); // rotated while running
        assertThat(client.profile("usr_ada")).isPresent();

        assertThat(segment.findAll(getRequestedFor(urlPathEqualTo(PROFILES + "user_id:usr_ada/traits"))))
                .extracting(r -> r.getHeader("Authorization"))
                .containsExactly(basic("old-token"), basic(SegmentSettings.TOKEN));
        assertThat(client.profile("usr_ada")).as("the new token is kept").isPresent();
        segment.verify(3, getRequestedFor(urlPathEqualTo(PROFILES + "user_id:usr_ada/traits")));
    }

    @Test
    void aRefusedTokenThatCannotBeRefreshedIsAnOutageAfterOneCall() {
        settings.accessToken = "revoked-token";
        SegmentStub.traits(segment, "user_id:usr_ada", FULL_TRAITS);

        assertThatThrownBy(() -> client().profile("usr_ada")).isInstanceOf(CdpUnavailable.class)
                .hasMessageContaining("401").hasMessageNotContaining("revoked-token");
        segment.verify(1, getRequestedFor(urlPathEqualTo(PROFILES + "user_id:usr_ada/traits")));
    }

    @Test
    void pingSaysUpWhenSegmentAnswersAndTheTokenIsGood() {
        assertThat(client().ping()).isTrue();
        segment.verify(getRequestedFor(urlPathEqualTo(PROFILES + "user_id:profile-bridge-health-check/metadata"))
                .withHeader("Authorization", equalTo(basic(SegmentSettings.TOKEN))));
        settings.accessToken = "revoked-token";
        assertThat(client().ping()).isFalse();
        segment.stubFor(get(anyUrl()).willReturn(json(500, "{}")));
        settings.accessToken = SegmentSettings.TOKEN;
        assertThat(client().ping()).isFalse();
    }

    @Test
    void refusesToStartWithoutItsSecretsNamingTheEnvVariable() {
        settings.accessToken = null;
        assertThatThrownBy(this::client).hasMessageContaining("CDP_SEGMENT_ACCESS_TOKEN");
        settings.accessToken = SegmentSettings.TOKEN;
        settings.writeKey = " ";
        assertThatThrownBy(this::client).hasMessageContaining("CDP_SEGMENT_WRITE_KEY");
        settings.writeKey = SegmentSettings.WRITE_KEY;
        settings.spaceId = null;
        assertThatThrownBy(this::client).hasMessageContaining("CDP_SEGMENT_SPACE_ID");
    }

    @Test
    void theEuRegionUsesSegmentsEuHosts() {
        SegmentProperties eu = new SegmentProperties(SegmentProperties.Region.EU, null, null, "s", "t", null, "w", null,
                Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(10), 500,
                new SegmentProperties.Identifiers("phone_number", "email", "user_id"),
                new SegmentProperties.Traits("name", "email", "phone", "tier", "lifetime_value", "preferred_channel",
                        "sentiment_score", "recent_orders", "recent_interactions", "notes", List.of(), null),
                new SegmentProperties.Limits(90, Duration.ofMillis(50), 32, 4));

        assertThat(eu.profileBase()).hasToString("https://profiles.euw1.segment.com");
        assertThat(eu.trackingBase()).hasToString("https://events.eu1.segmentapis.com");
    }
}

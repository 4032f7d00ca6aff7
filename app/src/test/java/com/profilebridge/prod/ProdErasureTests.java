package com.profilebridge.prod;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.profilebridge.ProfileBridgeApplication;
import com.profilebridge.erasure.ErasedStore;
import com.profilebridge.erasure.ErasureReport;
import com.profilebridge.erasure.Erasures;
import com.profilebridge.support.Http;
import com.profilebridge.support.ProdSettings;
import com.profilebridge.support.RedisProcess;
import com.profilebridge.support.ScratchDatabase;
import com.profilebridge.support.StoreSearch;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The erasure with the {@code prod} profile on PostgreSQL and Redis, with two instances (this
 * context and a second application on the same database and Redis): the customer is cached in both
 * instances' memory and in Redis (a "nobody matched" entry of her e-mail address included), linked,
 * viewed, and has outcomes; after the erasure on the first instance the second instance's memory
 * is cleared by the pub/sub message, and every table, both instances' caches and every Redis key
 * and value are searched: nothing of hers is left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
@DirtiesContext
class ProdErasureTests {

    static final String PAT = "usr_forget_1";
    static final String PAT_PHONE = "+15557004242";
    static final String PAT_PHONE_AS_TYPED = "+1 (555) 700-4242";
    static final String PAT_EMAIL = "Pat.Forget@Example.com";
    static final String KIM = "usr_keep_1";
    static final String KIM_PHONE = "+15557004343";
    static final String ORGANIZATION = "5e1f0c2a-0000-4c8e-9a61-0d3e0de3e4a5";
    static final String GENESYS_TOKEN = "gc-" + UUID.randomUUID().toString().replace("-", "");
    static final String CALLER = "Basic " + Base64.getEncoder()
            .encodeToString("genesys:prod-secret-1".getBytes(StandardCharsets.UTF_8));
    static final ScratchDatabase database = ScratchDatabase.create();
    static final RedisProcess redisServer = RedisProcess.start();
    static final WireMockServer vendors = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort());
    static ConfigurableApplicationContext secondInstance;

    static {
        vendors.start();
        stubVendors();
    }

    @DynamicPropertySource
    static void prodSettings(DynamicPropertyRegistry registry) {
        settings(registry);
    }

    static void settings(DynamicPropertyRegistry registry) {
        ProdSettings.register(registry, database, redisServer.port(), vendors.port(), "prod-secret-1");
        registry.add("bridge.agent.genesys.api-base-url-template", () -> "http://127.0.0.1:" + vendors.port() + "/{env}");
        registry.add("bridge.agent.genesys.organization-ids", () -> ORGANIZATION);
        registry.add("bridge.agent.genesys.oauth-client-ids", () -> "erasure-widget-client");
        registry.add("bridge.agent.access", () -> "free-search");
        registry.add("bridge.outcomes.delivery.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    Erasures erasures;

    @AfterAll
    static void cleanUp() {
        if (secondInstance != null) {
            secondInstance.close();
        }
        redisServer.close();
        vendors.stop();
        database.drop();
    }

    @Test
    void erasesTheCustomerFromPostgresqlRedisAndTheMemoryOfBothInstances() {
        Http first = new Http(port);
        assertThat(resolve(first, "{\"phoneNumber\":\"" + PAT_PHONE_AS_TYPED + "\",\"conversationId\":\"conv-pf-1\"}"))
                .isEqualTo(PAT);
        // the CDP resolves nobody by e-mail: a "nobody matched" entry under her address
        assertThat(resolve(first, "{\"email\":\"" + PAT_EMAIL + "\",\"conversationId\":\"conv-pf-2\"}")).isEmpty();
        HttpResponse<String> viewed = first.get("/api/proxy/cdp/profile/" + PAT + "?interactionId=conv-pf-3", Map.of(
                "Authorization", "Bearer " + GENESYS_TOKEN, "X-Agent-Platform", "genesys",
                "X-Genesys-Environment", "mypurecloud.de"));
        assertThat(viewed.statusCode()).as(viewed.body()).isEqualTo(200);
        track(first, "{\"conversationId\":\"conv-pf-1\",\"outcome\":\"sale\"}", "accepted");
        track(first, "{\"conversationId\":\"conv-pf-3\",\"outcome\":\"resolved\"}", "unattributed");
        track(first, "{\"conversationId\":\"conv-pf-9\",\"outcome\":\"complaint\",\"notes\":\"Customer " + PAT
                + " wants a refund\"}", "unattributed");
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO outbox_message (message_id, interaction_id, revision, cdp_user_id, event_name, event_time,
                                            payload, status, attempts, available_at, last_error, created_at)
                VALUES ('pb-prod-erasure-dead-r1', 'conv-pf-11', 1, :user, 'Interaction Completed', :at,
                        '{"disposition":"sale"}', 'DEAD', 10, :at, 'CDP answered HTTP 503', :at)""")
                .param("user", PAT).param("at", now).update();
        assertThat(resolve(first, "{\"phoneNumber\":\"" + KIM_PHONE + "\",\"conversationId\":\"conv-pk-1\"}")).isEqualTo(KIM);
        track(first, "{\"conversationId\":\"conv-pk-1\",\"outcome\":\"sale\"}", "accepted");

        // the second instance reads her from Redis into its own memory (and links another call of hers)
        secondInstance = startSecondInstance();
        Http second = new Http(Integer.parseInt(secondInstance.getEnvironment().getProperty("local.server.port")));
        HttpResponse<String> fromRedis = second.post("/v1/profiles/resolve", "application/json",
                "{\"phoneNumber\":\"" + PAT_PHONE_AS_TYPED + "\",\"conversationId\":\"conv-pf-4\"}", CALLER);
        assertThat(Http.json(fromRedis).path("profile_source").asString()).isEqualTo("CACHED");
        String channel = "pb:profile:invalidations";
        await("both instances listen for evictions").atMost(Duration.ofSeconds(10)).until(() -> subscribers(channel) == 2);

        List<String> traces = List.of(PAT, PAT_PHONE, PAT_PHONE.substring(2), "(555) 700-4242", PAT_PHONE_AS_TYPED,
                PAT_EMAIL);
        List<String> inRedis = new ArrayList<>(traces);
        inRedis.addAll(List.of(hmac("phone:" + PAT_PHONE), hmac("email:" + PAT_EMAIL.toLowerCase()), hmac("user_id:" + PAT)));
        assertThat(StoreSearch.database(dataSource, traces)).as("in PostgreSQL before").isNotEmpty();
        assertThat(StoreSearch.memory(context, traces)).as("in the first instance's memory before").isNotEmpty();
        assertThat(StoreSearch.memory(secondInstance, traces)).as("in the second instance's memory before").isNotEmpty();
        assertThat(StoreSearch.redis(redis, inRedis)).as("in Redis before").hasSizeGreaterThanOrEqualTo(3);

        ErasureReport report = asAdmin(() -> erasures.erase(PAT, "admin", "DSR-7"));

        assertThat(report.complete()).isTrue();
        assertThat(report.instancesNotified()).as("both instances").isEqualTo(2);
        assertThat(report.counts().get(ErasedStore.SHARED_CACHE)).as("phone, e-mail (nobody), id").isEqualTo(3);
        assertThat(report.counts().get(ErasedStore.INTERACTION_LINKS)).as("one link per instance").isEqualTo(2);
        assertThat(report.counts().get(ErasedStore.OUTCOMES_PENDING)).isEqualTo(1);
        assertThat(report.counts().get(ErasedStore.OUTCOMES_PARKED)).isEqualTo(2);
        assertThat(report.counts().get(ErasedStore.OUTCOMES_DEAD_LETTERS)).isEqualTo(1);
        assertThat(report.counts().get(ErasedStore.AUDIT_EVENTS)).isEqualTo(1);
        await("the second instance applied the eviction").atMost(Duration.ofSeconds(10))
                .until(() -> StoreSearch.memory(secondInstance, traces).isEmpty());

        assertThat(StoreSearch.database(dataSource, traces)).isEmpty();
        assertThat(StoreSearch.memory(context, traces)).isEmpty();
        assertThat(StoreSearch.memory(secondInstance, traces)).isEmpty();
        assertThat(StoreSearch.redis(redis, inRedis)).isEmpty();
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE cdp_user_id = :p ORDER BY id").param("p", report.pseudonym())
                .query(String.class).list()).containsExactly("PROFILE_VIEW", "ERASURE");
        // Kim is untouched, in the database and in Redis
        assertThat(jdbc.sql("SELECT COUNT(*) FROM interaction_link WHERE cdp_user_id = :u").param("u", KIM)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(redis.hasKey("pb:profile:" + hmac("phone:" + KIM_PHONE))).isTrue();
    }

    private static ConfigurableApplicationContext startSecondInstance() {
        Map<String, Object> properties = new LinkedHashMap<>();
        settings((name, value) -> properties.put(name, value.get()));
        properties.put("server.port", 0);
        properties.put("management.server.port", 0);
        // command-line arguments, so they win over application-prod.yml as the test's registry does
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ProfileBridgeApplication.class).profiles("prod").run(args);
    }

    /** How many instances receive an invalidation: an empty one (it evicts nothing) says. */
    private long subscribers(String channel) {
        Long received = redis.convertAndSend(channel, "{\"origin\":\"test-probe\",\"keys\":[]}");
        return received == null ? 0 : received;
    }

    private static String resolve(Http http, String body) {
        HttpResponse<String> response = http.post("/v1/profiles/resolve", "application/json", body, CALLER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).path("cdp_user_id").asString("");
    }

    private static void track(Http http, String body, String status) {
        String timed = body.substring(0, body.length() - 1) + ",\"timestamp\":\"" + Instant.now() + "\"}";
        HttpResponse<String> response = http.post("/v1/interactions/track", "application/json", timed, CALLER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(Http.json(response).path("status").asString()).isEqualTo(status);
    }

    /**
     * Runs as an administrator of this instance. Its own security context holder, not the static one:
     * the second application replaced that (Vaadin installs its strategy JVM-wide) when it started.
     */
    private <T> T asAdmin(Supplier<T> action) {
        SecurityContextHolderStrategy holder = context.getBeanProvider(SecurityContextHolderStrategy.class)
                .getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        holder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin",
                null, AuthorityUtils.createAuthorityList("ROLE_ADMIN", "ROLE_SUPERVISOR")));
        try {
            return action.get();
        } finally {
            holder.clearContext();
        }
    }

    /** The Redis key the product derives: HMAC-SHA256 of the cache key under the configured secret. */
    private static String hmac(String cacheKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ProdSettings.KEY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(cacheKey.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stubVendors() {
        String expires = Instant.now().plus(Duration.ofHours(8)).toString();
        vendors.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/tokens/me"))
                .withHeader("Authorization", equalTo("Bearer " + GENESYS_TOKEN))
                .willReturn(json(200, "{\"organization\":{\"id\":\"" + ORGANIZATION + "\",\"name\":\"Acme\"},"
                        + "\"homeOrganization\":{\"id\":\"" + ORGANIZATION + "\"},"
                        + "\"OAuthClient\":{\"id\":\"erasure-widget-client\"},\"expirationDate\":\"" + expires + "\"}")));
        vendors.stubFor(get(urlPathEqualTo("/mypurecloud.de/api/v2/users/me"))
                .withHeader("Authorization", equalTo("Bearer " + GENESYS_TOKEN))
                .willReturn(json(200, "{\"id\":\"gc-agent-7\",\"name\":\"Pat Agent\"}")));
        String pat = "{\"cdp_user_id\":\"" + PAT + "\",\"name\":\"Pat Forget\",\"email\":\"" + PAT_EMAIL
                + "\",\"phone\":\"" + PAT_PHONE_AS_TYPED + "\",\"tier\":\"GOLD\"}";
        String kim = "{\"cdp_user_id\":\"" + KIM + "\",\"name\":\"Kim Keep\",\"phone\":\"" + KIM_PHONE + "\"}";
        vendors.stubFor(post(urlEqualTo("/v1/profiles/resolve"))
                .withRequestBody(matchingJsonPath("$.identifier", equalTo(PAT_PHONE)))
                .willReturn(json(200, "{\"status\":\"success\",\"profile\":" + pat + "}")));
        vendors.stubFor(post(urlEqualTo("/v1/profiles/resolve"))
                .withRequestBody(matchingJsonPath("$.identifier", equalTo(PAT_EMAIL.toLowerCase())))
                .willReturn(json(200, "{\"status\":\"not_found\"}")));
        vendors.stubFor(post(urlEqualTo("/v1/profiles/resolve"))
                .withRequestBody(matchingJsonPath("$.identifier", equalTo(KIM_PHONE)))
                .willReturn(json(200, "{\"status\":\"success\",\"profile\":" + kim + "}")));
        vendors.stubFor(get(urlEqualTo("/v1/profiles/" + PAT)).willReturn(json(200, pat)));
        vendors.stubFor(get(urlEqualTo("/v1/profiles/" + KIM)).willReturn(json(200, kim)));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}

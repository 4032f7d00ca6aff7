package com.profilebridge.prod;

import java.time.Duration;
import static org.awaitility.Awaitility.await;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.support.Http;
import com.profilebridge.support.ProdSettings;
import com.profilebridge.support.ScratchDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The {@code prod} wiring against the machine's real PostgreSQL and Redis: its own database and
 * key prefix per run, migrations applied, the Redis L2 shared between instances, prod credentials.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
@DirtiesContext
class ProdProfileIntegrationTests {

    static final ScratchDatabase database = ScratchDatabase.create();
    static final String prefix = "pb-test-" + UUID.randomUUID() + ":";
    static final WireMockServer cdp = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    static {
        cdp.start();
    }

    @DynamicPropertySource
    static void prodSettings(DynamicPropertyRegistry registry) {
        ProdSettings.register(registry, database, 6379, cdp.port(), "prod-secret-1,prod-secret-2");
        registry.add("bridge.cache.redis.key-prefix", () -> prefix);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ProfileService profiles;

    @Autowired
    Environment environment;

    @AfterAll
    static void cleanUp() {
        cdp.stop();
        database.drop();
    }

    @Test
    void runsTheMigrationsOnPostgresql() {
        String product = jdbc.sql("SELECT version()").query(String.class).single();
        assertThat(product).startsWith("PostgreSQL");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success").query(Integer.class).single())
                .isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM interaction_link").query(Integer.class).single()).isZero();
    }

    @Test
    void isReadyWithTheDatabaseAndServesOnPlatformRequestThreads() {
        Http http = new Http(managementPort);
        JsonNode readiness = Http.json(http.get("/actuator/health/readiness"));
        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        // platform request threads keep the IVR tail short under load (docs/BENCHMARKS.md)
        assertThat(environment.getProperty("spring.threads.virtual.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("server.tomcat.threads.max")).isEqualTo("400");
        assertThat(Set.of(environment.getActiveProfiles())).containsExactly("prod");
    }

    @Test
    void acceptsEveryRotatedSecretAndRefusesTheDemoOne() {
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(404)));
        Http http = new Http(port);
        assertThat(http.post("/v1/profiles/resolve", "application/json", "{\"identifier\":\"+15557770000\"}",
                basic("genesys", "prod-secret-1")).statusCode()).isEqualTo(200);
        assertThat(http.post("/v1/profiles/resolve", "application/json", "{\"identifier\":\"+15557770000\"}",
                basic("genesys", "prod-secret-2")).statusCode()).isEqualTo(200);
        assertThat(http.post("/v1/profiles/resolve", "application/json", "{\"identifier\":\"+15557770000\"}",
                Http.DEMO_CALLER).statusCode()).isEqualTo(401);
    }

    @Test
    void sharesMaskedProfilesThroughRedisAcrossInstances() {
        cdp.resetAll();
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"profile\":{\"cdp_user_id\":\"usr_redis\",\"tier\":\"GOLD\","
                        + "\"ssn\":\"123-45-6789\",\"notes\":\"card 4111 1111 1111 1111\"}}")));
        Http http = new Http(port);
        String body = "{\"identifier\":\"+15557771111\",\"conversationId\":\"conv-redis-1\"}";
        JsonNode first = Http.json(http.post("/v1/profiles/resolve", "application/json", body, basic("genesys", "prod-secret-1")));
        assertThat(first.path("profile_source").asString()).isEqualTo("FRESH");

        String stored = awaitRedis(prefix + hmac("phone:+15557771111"));
        assertThat(stored).contains("usr_redis").doesNotContain("123-45-6789").doesNotContain("4111 1111 1111 1111");

        // Another instance has an empty L1: it finds the entry in Redis and does not call the CDP.
        profiles.evictAllLocal();
        JsonNode second = Http.json(http.post("/v1/profiles/resolve", "application/json", body, basic("genesys", "prod-secret-1")));
        assertThat(second.path("profile_source").asString()).isEqualTo("CACHED");
        assertThat(second.path("cdp_user_id").asString()).isEqualTo("usr_redis");
        cdp.verify(1, postRequestedFor(urlEqualTo("/v1/profiles/resolve")));
    }

    @Test
    void keysRedisEntriesByAnHmacSoNoPhoneNumberOrEmailIsAKey() {
        cdp.resetAll();
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"profile\":{\"cdp_user_id\":\"usr_hmac\",\"tier\":\"GOLD\"}}")));
        Http http = new Http(port);
        http.post("/v1/profiles/resolve", "application/json",
                "{\"phoneNumber\":\"+15557772222\",\"email\":\"Keyed.Person@Example.com\"}", basic("genesys", "prod-secret-1"));
        awaitRedis(prefix + hmac("phone:+15557772222"));
        awaitRedis(prefix + hmac("email:keyed.person@example.com"));

        Set<String> keys = redis.keys(prefix + "*");
        assertThat(keys).isNotEmpty().allSatisfy(key -> {
            assertThat(key.substring(prefix.length())).matches("[0-9a-f]{64}");
            assertThat(key).doesNotContain("5557772222").doesNotContain("@").doesNotContainIgnoringCase("keyed.person");
        });
    }

    @Test
    void keepsNobodyMatchedAnswersInRedisForTheNegativeTtlOnly() {
        cdp.resetAll();
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(404)));
        Http http = new Http(port);
        http.post("/v1/profiles/resolve", "application/json", "{\"identifier\":\"+15557773333\"}",
                basic("genesys", "prod-secret-1"));
        String key = prefix + hmac("phone:+15557773333");
        awaitRedis(key);
        assertThat(redis.getExpire(key)).as("seconds left").isPositive().isLessThanOrEqualTo(60);
    }

    /** The key the product must use: HMAC-SHA256 of the cache key under the configured secret. */
    private static String hmac(String cacheKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ProdSettings.KEY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(cacheKey.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String awaitRedis(String key) {
        return await("something stored in Redis under " + key).atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> redis.opsForValue().get(key), java.util.Objects::nonNull);
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes());
    }

    @Test
    void metricsAndProbesListenOnTheManagementPortAndNothingOperationalOnTheApplicationPort() {
        assertThat(managementPort).isNotEqualTo(port);
        Http management = new Http(managementPort);
        assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus").body()).contains("bridge_");

        Http application = new Http(port);
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/info", "/actuator/env",
                "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html", "/__bench/flush")) {
            var answer = application.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).doesNotContain("bridge_").doesNotContain("openapi");
        }
        assertThat(application.post("/__bench/flush", "application/json", "{}", null).statusCode()).isEqualTo(404);
    }
}

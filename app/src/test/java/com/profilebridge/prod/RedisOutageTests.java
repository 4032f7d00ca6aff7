package com.profilebridge.prod;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.profilebridge.profile.ProfileService;
import com.profilebridge.support.Http;
import com.profilebridge.support.ProdSettings;
import com.profilebridge.support.RedisProcess;
import com.profilebridge.support.ScratchDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A Redis that freezes or dies degrades the cache to L1 and the shared rate limits to per-instance
 * ones; the IVR still gets its answer in time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
@DirtiesContext
class RedisOutageTests {

    static final ScratchDatabase database = ScratchDatabase.create();
    static final RedisProcess redisServer = RedisProcess.start();
    static final WireMockServer cdp = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("genesys:prod-secret".getBytes());

    static {
        cdp.start();
        cdp.stubFor(post(urlEqualTo("/v1/profiles/resolve")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"profile\":{\"cdp_user_id\":\"usr_r\",\"tier\":\"SILVER\"}}")));
    }

    @DynamicPropertySource
    static void prodSettings(DynamicPropertyRegistry registry) {
        ProdSettings.register(registry, database, redisServer.port(), cdp.port(), "prod-secret");
        // under 100 a second the shared limiter leases one permit at a time, so every request asks Redis
        // and the outage is seen by the limit, whatever the timing (a lease of the default 50,000/s
        // would carry the requests below through a short outage without asking)
        registry.add("bridge.rate-limit.integration.limit", () -> "99");
        registry.add("bridge.rate-limit.integration.period", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Autowired
    ProfileService profiles;

    @Autowired
    MeterRegistry meters;

    @AfterAll
    static void cleanUp() {
        redisServer.close();
        cdp.stop();
        database.drop();
    }

    @Test
    void answersInsideTheBudgetWhileRedisIsPausedOrStopped() {
        Http http = new Http(port);
        assertThat(resolve(http, "+15558880001").path("profile_source").asString()).isEqualTo("FRESH");

        redisServer.pause();
        try {
            for (int i = 0; i < 20; i++) {
                profiles.evictAllLocal(); // force every read to try Redis first
                long start = System.nanoTime();
                JsonNode body = resolve(http, "+1555888%04d".formatted(i));
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertThat(tookMs).as("answer %d while Redis is frozen", i).isLessThan(1500);
                assertThat(body.path("cdp_user_id").asString()).isEqualTo("usr_r");
            }
        } finally {
            redisServer.resume();
        }

        redisServer.stop();
        for (int i = 0; i < 20; i++) {
            profiles.evictAllLocal();
            long start = System.nanoTime();
            JsonNode body = resolve(http, "+1555889%04d".formatted(i));
            assertThat((System.nanoTime() - start) / 1_000_000).as("answer %d with Redis gone", i).isLessThan(1500);
            assertThat(body.path("status").asString()).isEqualTo("success");
        }
        assertThat(profiles.sharedStore()).startsWith("redis");
        assertThat(meters.counter("bridge.ratelimit.fallback", "limit", "integration").count())
                .as("the integration's shared limit decided by the instance while Redis was away").isPositive();
    }

    private static JsonNode resolve(Http http, String phone) {
        HttpResponse<String> response = http.post("/v1/profiles/resolve", "application/json",
                "{\"identifier\":\"" + phone + "\"}", AUTH);
        assertThat(response.statusCode()).isEqualTo(200);
        return Http.json(response);
    }
}

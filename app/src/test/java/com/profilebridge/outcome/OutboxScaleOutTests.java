package com.profilebridge.outcome;

import java.time.Duration;
import static org.awaitility.Awaitility.await;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.profilebridge.ProfileBridgeApplication;
import com.profilebridge.support.Http;
import com.profilebridge.support.ScratchDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application instances on one PostgreSQL database, both running delivery workers against
 * one CDP stub: every outcome is delivered exactly once, whichever instance took it in.
 */
class OutboxScaleOutTests {

    static final ScratchDatabase database = ScratchDatabase.create();
    static final WireMockServer cdp = new WireMockServer(WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort().containerThreads(40));
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        cdp.start();
        // a few milliseconds per call, so the instances' rounds overlap
        cdp.stubFor(post(urlEqualTo("/v1/interactions/track")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3)));
        first = start("bff-1");
        second = start("bff-2");
    }

    static ConfigurableApplicationContext start(String name) {
        return new SpringApplicationBuilder(ProfileBridgeApplication.class)
                .profiles("demo", "test")
                .run(
                        "--spring.application.name=" + name,
                        "--server.port=0",
                        "--spring.datasource.url=" + database.url(),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--cdp.provider=http",
                        "--cdp.http.base-url=http://127.0.0.1:" + cdp.port(),
                        "--cdp.http.auth.type=api-key",
                        "--cdp.http.auth.api-key=cdp-test-key",
                        "--bridge.outcomes.settle-window=0s",
                        "--bridge.outcomes.max-settle=0s",
                        "--bridge.outcomes.delivery.workers=2",
                        "--bridge.outcomes.delivery.batch-size=10",
                        "--bridge.outcomes.delivery.poll-interval=20ms");
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        cdp.stop();
        database.drop();
    }

    @Test
    void everyOutcomeIsDeliveredOnceWhenTwoInstancesShareTheDatabase() throws Exception {
        Http one = new Http(port(first));
        Http two = new Http(port(second));
        int events = 600;
        List<Callable<Integer>> posts = IntStream.range(0, events)
                .mapToObj(i -> (Callable<Integer>) () -> (i % 2 == 0 ? one : two).post("/v1/interactions/track",
                        "application/json", OutcomePipelineTests.genesysBody("conv-scale-" + i, "cdp-scale-" + i,
                                "Resolved", "2026-11-29T10:00:00Z"), Http.DEMO_CALLER).statusCode())
                .toList();
        assertThat(OutcomePipelineTests.runAll(posts, 8)).containsOnly(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered().size() >= events);
        Thread.sleep(1000); // room for a duplicate to show up, were there one
        List<LoggedRequest> delivered = delivered();
        Map<String, Long> perMessage = delivered.stream()
                .collect(Collectors.groupingBy(r -> r.getHeader("Idempotency-Key"), Collectors.counting()));
        assertThat(perMessage).hasSize(events);
        // Sent again only after an attempt whose answer never came (a transport error under load: the
        // CDP may have it), with the same Idempotency-Key, which the CDP dedupes on. Two instances
        // claiming one message would show up here as repeats without failed attempts.
        long repeats = perMessage.values().stream().mapToLong(count -> count - 1).sum();
        assertThat(repeats).as("repeated sends, each after a failed attempt")
                .isLessThanOrEqualTo((long) (countOf(first, "retry") + countOf(second, "retry")));
        assertThat(countOf(first, "delivered")).as("bff-1 delivered").isPositive();
        assertThat(countOf(second, "delivered")).as("bff-2 delivered").isPositive();
        assertThat(countOf(first, "delivered") + countOf(second, "delivered")).as("each marked delivered once")
                .isEqualTo(events);
    }

    static List<LoggedRequest> delivered() {
        return cdp.findAll(postRequestedFor(urlEqualTo("/v1/interactions/track")));
    }

    static double countOf(ConfigurableApplicationContext instance, String result) {
        var counter = instance.getBean(MeterRegistry.class).find("outcomes.deliveries").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    static int port(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }
}

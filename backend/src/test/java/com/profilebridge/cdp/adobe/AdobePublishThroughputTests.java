package com.profilebridge.cdp.adobe;

import com.profilebridge.testing.MovableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.profilebridge.cdp.adobe.AepStub.BATCH;
import static com.profilebridge.cdp.adobe.AepStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.cdp.CdpDelivery;
import com.profilebridge.cdp.CdpTrackEvent;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many outcomes per second the adapter pushes through AEP's batch endpoint (a WireMock on
 * loopback answering 207 for every message) and what each message costs on our side. Runs only on
 * request: {@code -Dbench=adobe} (see docs/cdp/adobe.md for the command and figures).
 */
@EnabledIfSystemProperty(named = "bench", matches = "adobe")
class AdobePublishThroughputTests {

    static final AepStub aep = new AepStub();
    static final int BATCH_SIZE = 100;
    static final int BATCHES = Integer.getInteger("bench.batches", 300);

    @AfterAll
    static void stop() {
        aep.server.stop();
    }

    @Test
    void measuresEventsPerSecondThroughTheBatchEndpoint() {
        aep.reset();
        // IMS keeps handing out t1: each client below fetches its own token
        aep.tokens(86399, "t1", "t1");
        List<String> accepted = new ArrayList<>();
        IntStream.range(0, BATCH_SIZE).forEach(i -> accepted.add("{\"xactionId\":\"1565650704337:2124:92:" + i + "\"}"));
        aep.batch("t1", 1, post(urlPathEqualTo(BATCH)), json(207,
                "{\"inletId\":\"9b0c\",\"batchId\":\"1:2:3\",\"receivedTimeMs\":1,\"responses\":[" + String.join(",", accepted) + "]}"));
        for (String limit : List.of("100000", "20")) {
            AdobeCdpClient client = AdobeCdpConfiguration.client(
                    aep.properties("cdp.adobe.limits.batches-per-second=" + limit), JsonMapper.builder().build(),
                    RestClient.builder(), new MovableClock(Instant.now()), RateLimiterRegistry.ofDefaults(),
                    BulkheadRegistry.ofDefaults());
            run(client, 20); // warm-up
            int batches = limit.equals("20") ? Math.min(BATCHES, 60) : BATCHES;
            long start = System.nanoTime();
            int delivered = run(client, batches);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(delivered).isEqualTo(batches * BATCH_SIZE);
            System.out.printf("adobe publish: batches-per-second=%s, %d events in %.2f s = %.0f events/s, %.1f us/event%n",
                    limit, delivered, seconds, delivered / seconds, seconds * 1e6 / delivered);
        }
    }

    private static int run(AdobeCdpClient client, int batches) {
        int delivered = 0;
        for (int b = 0; b < batches; b++) {
            int base = b * BATCH_SIZE;
            List<CdpTrackEvent> events = IntStream.range(0, BATCH_SIZE).mapToObj(i -> new CdpTrackEvent(
                    "pb-org-conv-" + (base + i) + "-r1", "crm-" + (base + i), "Interaction Completed",
                    Instant.parse("2026-11-29T09:00:00Z"),
                    Map.of("interactionId", "conv-" + (base + i), "disposition", "Sale", "duration", 312,
                            "agentId", "agent-7", "revision", 1))).toList();
            Map<String, CdpDelivery> results = client.publish(events);
            delivered += (int) results.values().stream().filter(CdpDelivery.delivered()::equals).count();
        }
        return delivered;
    }
}

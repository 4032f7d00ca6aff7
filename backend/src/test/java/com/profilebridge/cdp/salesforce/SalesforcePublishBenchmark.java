package com.profilebridge.cdp.salesforce;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.profilebridge.cdp.CdpDelivery;
import com.profilebridge.cdp.CdpTrackEvent;
import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: the Salesforce adapter's publish throughput and CPU per record against an in-process
 * stub of the two OAuth legs and the Ingestion API ({@code POST /api/v1/ingest/sources/{connector}/{object}},
 * 202 {@code {"accepted":true}} at once), called the way the delivery worker calls it (threads =
 * delivery workers, chunk = records per claim). Round 0 warms up, round 1 is the figure. Command and
 * results: docs/cdp/salesforce.md ("Measured throughput"); the whole pipeline per adapter (HTTP intake,
 * outbox on PostgreSQL, delivery) is {@code bench/outcomes.sh}.
 *
 * <p>Arguments: {@code - <records per publish> <total records> <threads>}.
 */
final class SalesforcePublishBenchmark {

    private SalesforcePublishBenchmark() {}

    public static void main(String[] args) throws Exception {
        int chunk = Integer.parseInt(args[1]);
        int total = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        AtomicLong ingestRequests = new AtomicLong();
        server.createContext("/services/oauth2/token", x -> answer(x, 200, "{\"access_token\":\"00Dxx0000001gPL!core\","
                + "\"instance_url\":\"" + base + "\",\"token_type\":\"Bearer\",\"issued_at\":\"1764579600000\"}"));
        server.createContext("/services/a360/token", x -> answer(x, 200, "{\"access_token\":\"dc-token\",\"instance_url\":\""
                + base.substring("http://".length()) + "\",\"token_type\":\"Bearer\","
                + "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:jwt\",\"expires_in\":7199}"));
        server.createContext("/api/v1/ingest/sources/", x -> {
            ingestRequests.incrementAndGet();
            answer(x, 202, "{\"accepted\":true}");
        });
        server.start();
        try {
            run(base, ingestRequests, chunk, total, threads);
        } finally {
            server.stop(0); // its threads would keep the JVM alive after a failure
        }
    }

    private static void run(String base, AtomicLong ingestRequests, int chunk, int total, int threads)
            throws InterruptedException {
        Map<String, String> settings = Map.of(
                "cdp.salesforce.login-url", base,
                "cdp.salesforce.tenant-scheme", "http",
                "cdp.salesforce.auth.client-id", "3MVG9-consumer-key",
                "cdp.salesforce.auth.client-secret", "consumer-secret",
                "cdp.salesforce.ingest.connector", "profile_bridge",
                "cdp.salesforce.lookup.link-object", "UnifiedLinkssotIndividualIr01__dlm",
                "cdp.salesforce.ingest.max-records", Integer.toString(chunk),
                // our own request limiter off: the figure is the adapter's work, not the configured rate
                "cdp.salesforce.limits.ingest-requests-per-second", "1000000");
        SalesforceProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("cdp.salesforce", SalesforceProperties.class);
        JsonMapper json = JsonMapper.builder()
                .changeDefaultPropertyInclusion(any -> JsonInclude.Value.construct(Include.NON_NULL, Include.NON_NULL))
                .build();
        SalesforceCdpClient client = SalesforceCdpConfiguration.create(properties, json, RestClient.builder(),
                Clock.systemUTC(), BulkheadRegistry.ofDefaults(), RateLimiterRegistry.ofDefaults());

        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < 2; round++) { // round 0 = warm-up
            long requests0 = ingestRequests.get();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            int perThread = total / threads;
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = "pb-" + round + "-" + t + "-";
                workers.add(Thread.ofPlatform().start(() -> publishAll(client, prefix, perThread, chunk)));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
            int records = perThread * threads;
            long requests = ingestRequests.get() - requests0;
            System.out.printf("round %d: chunk %d, threads %d: %d records in %.2f s = %.0f records/s, %d requests (%.0f/s),"
                    + " CPU %.1f us/record%n", round, chunk, threads, records, seconds, records / seconds, requests,
                    requests / seconds, cpuMs * 1000 / records);
        }
    }

    private static void publishAll(SalesforceCdpClient client, String prefix, int count, int chunk) {
        for (int from = 0; from < count; from += chunk) {
            List<CdpTrackEvent> events = new ArrayList<>(chunk);
            for (int i = from; i < Math.min(count, from + chunk); i++) {
                Map<String, Object> properties = new LinkedHashMap<>();
                properties.put("interactionId", "conv-" + prefix + i);
                properties.put("revision", 1);
                properties.put("agentId", "agent-7");
                properties.put("outcome", "Sale");
                properties.put("duration", 312);
                events.add(new CdpTrackEvent(prefix + i + "-r1", "uid-" + i, "Interaction Completed",
                        Instant.parse("2026-12-01T09:00:00Z"), properties));
            }
            Map<String, CdpDelivery> results = client.publish(events);
            if (results.values().stream().anyMatch(d -> !d.equals(CdpDelivery.delivered()))) {
                throw new IllegalStateException("not all delivered: " + results.values().stream().distinct().toList());
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

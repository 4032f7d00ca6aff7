package com.profilebridge.cdp.segment;

import com.profilebridge.cdp.CdpDelivery;
import com.profilebridge.cdp.CdpTrackEvent;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: the adapter's publish throughput and CPU per event against an in-process stub of
 * {@code POST /v1/batch} (200 {@code {"success":true}} at once), the way the delivery worker calls it
 * (threads = delivery workers, chunk = events per claim). Round 0 warms up, round 1 is the figure.
 * Command and results: docs/cdp/segment.md ("Throughput").
 *
 * <p>Arguments: {@code - <events per publish> <total events> <threads>}.
 */
final class SegmentPublishBenchmark {

    private SegmentPublishBenchmark() {}

    public static void main(String[] args) throws Exception {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        byte[] ok = "{\"success\":true}".getBytes();
        server.createContext("/v1/batch", x -> {
            x.getRequestBody().readAllBytes();
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, ok.length);
            x.getResponseBody().write(ok);
            x.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        int chunk = Integer.parseInt(args[1]);
        int total = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        SegmentSettings s = new SegmentSettings(url);
        s.maxBatchEvents = Math.min(2500, chunk);
        SegmentCdpClient client = SegmentConfiguration.create(s.build(), JsonMapper.builder().build(), Clock.systemUTC(),
                RateLimiterRegistry.ofDefaults(), BulkheadRegistry.ofDefaults());
        for (int round = 0; round < 2; round++) { // round 0 = warm-up
            var bean = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = bean.getProcessCpuTime();
            long t0 = System.nanoTime();
            List<Thread> ts = new ArrayList<>();
            int perThread = total / threads;
            for (int t = 0; t < threads; t++) {
                int tt = t;
                int r = round;
                ts.add(Thread.ofPlatform().start(() -> {
                    for (int from = 0; from < perThread; from += chunk) {
                        List<CdpTrackEvent> events = new ArrayList<>(chunk);
                        for (int i = from; i < Math.min(perThread, from + chunk); i++) {
                            Map<String, Object> p = new LinkedHashMap<>();
                            p.put("disposition", "Sale");
                            p.put("agentId", "agent-7");
                            p.put("duration", 312);
                            p.put("channel", "voice");
                            p.put("interactionId", "conv-" + tt + "-" + i);
                            p.put("revision", 1);
                            events.add(new CdpTrackEvent("pb-" + r + "-" + tt + "-" + i + "-r1", "cdp-" + i,
                                    "Interaction Completed", Instant.parse("2026-11-29T09:00:00Z"), p));
                        }
                        Map<String, CdpDelivery> res = client.publish(events);
                        if (res.values().stream().anyMatch(d -> d != CdpDelivery.delivered())) {
                            throw new IllegalStateException("not all delivered: " + res);
                        }
                    }
                }));
            }
            for (Thread t : ts) {
                t.join();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpuMs = (bean.getProcessCpuTime() - cpu0) / 1e6;
            int n = perThread * threads;
            System.out.printf("round %d: chunk %d, threads %d: %d events in %.2f s = %.0f events/s, %.0f requests/s, CPU %.1f us/event%n",
                    round, chunk, threads, n, secs, n / secs, Math.ceil((double) perThread / chunk) * threads / secs, cpuMs * 1000 / n);
        }
        client.close();
        server.stop(0);
    }
}

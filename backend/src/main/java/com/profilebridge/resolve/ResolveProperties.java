package com.profilebridge.resolve;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Resolve settings ({@code bridge.resolve.*}).
 *
 * @param budget total time for an answer, under the IVR's own timeout (2 s in the guide)
 * @param maxResponseBytes hard cap of the answer body (CXone: 10 KB design target, 32 KB limit)
 * @param maxOrders recent order ids listed in the answer before size trimming starts
 * @param linkWait how long an answer waits for its interaction link to be committed, so the widget,
 *     the proxy and outcome intake (on any instance) see the link as soon as the IVR has its answer;
 *     a slower database does not hold the IVR longer (the write finishes in the background)
 */
@ConfigurationProperties("bridge.resolve")
record ResolveProperties(
        @DefaultValue("1500ms") Duration budget,
        @DefaultValue("10240") int maxResponseBytes,
        @DefaultValue("10") int maxOrders,
        @DefaultValue("250ms") Duration linkWait) {}

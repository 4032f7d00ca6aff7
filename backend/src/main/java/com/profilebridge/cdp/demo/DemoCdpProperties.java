package com.profilebridge.cdp.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded demo CDP.
 *
 * @param customers size of the synthetic customer base
 * @param seed seed of the synthetic data (same seed, same customers)
 * @param latency artificial latency of each call, to show the time budget and breaker at work
 */
@ConfigurationProperties("cdp.demo")
record DemoCdpProperties(
        @DefaultValue("10000") int customers,
        @DefaultValue("20261128") long seed,
        @DefaultValue("0ms") Duration latency) {}

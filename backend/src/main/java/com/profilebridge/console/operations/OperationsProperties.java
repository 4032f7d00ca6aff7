package com.profilebridge.console.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operations page ({@code bridge.operations.*}).
 *
 * @param sampleInterval how often this instance samples its meters and the outbox figures (one
 *     aggregate query of the outbox per sample)
 * @param window how much history is kept in memory: {@code window / sampleInterval} samples
 * @param transitionsKept how many CDP breaker transitions are kept
 * @param instanceName how the page names this instance; empty: the host name ({@code HOSTNAME},
 *     the pod name on Kubernetes) and the process id
 */
@ConfigurationProperties("bridge.operations")
record OperationsProperties(
        @DefaultValue("10s") Duration sampleInterval,
        @DefaultValue("1h") Duration window,
        @DefaultValue("50") int transitionsKept,
        @DefaultValue("") String instanceName) {

    /** More than a day of 10 s samples is not what this in-memory history is for. */
    static final int MAX_SAMPLES = 10_000;

    OperationsProperties {
        if (sampleInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("bridge.operations.sample-interval must be at least 1s, not " + sampleInterval);
        }
        if (window.compareTo(sampleInterval) < 0 || window.toMillis() / sampleInterval.toMillis() > MAX_SAMPLES) {
            throw new IllegalArgumentException("bridge.operations.window must hold 1 to " + MAX_SAMPLES
                    + " samples of bridge.operations.sample-interval");
        }
        if (transitionsKept < 1 || transitionsKept > 1000) {
            throw new IllegalArgumentException("bridge.operations.transitions-kept must be 1..1000");
        }
    }

    /** How many samples the window holds. */
    int samples() {
        return (int) (window.toMillis() / sampleInterval.toMillis());
    }
}

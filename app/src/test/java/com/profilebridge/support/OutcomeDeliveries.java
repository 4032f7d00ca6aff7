package com.profilebridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.outcome.DeliveryWorker;
import com.profilebridge.testing.MovableClock;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An outcome's way to a CDP as a contact center drives it: posted to {@code /v1/interactions/track},
 * then delivered by the worker's rounds (run here, not on its schedule) once the test's clock has
 * passed the settle window. For tests whose worker is not scheduled
 * ({@code bridge.outcomes.delivery.enabled=false}).
 */
public final class OutcomeDeliveries {

    /** Past the settle window: 60 s by default, 10 s in the demo profile. */
    static final Duration PAST_THE_SETTLE_WINDOW = Duration.ofSeconds(61);
    private static final int MAX_ROUNDS = 50;

    private final Http http;
    private final DeliveryWorker worker;
    private final MovableClock clock;

    public OutcomeDeliveries(int port, DeliveryWorker worker, MovableClock clock) {
        this.http = new Http(port);
        this.worker = worker;
        this.clock = clock;
    }

    /** Posts the outcome as the demo IVR caller and expects it accepted (202). */
    public void track(String outcome) {
        HttpResponse<String> answer = http.post("/v1/interactions/track", "application/json", outcome, Http.DEMO_CALLER);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    /** Runs delivery rounds until one delivers nothing. */
    public void drain() {
        for (int round = 0; round < MAX_ROUNDS && worker.runOnce() > 0; round++) {
            // until a round delivers nothing
        }
    }

    /** Moves the clock past the settle window, then drains. */
    public void settleAndDrain() {
        clock.advance(PAST_THE_SETTLE_WINDOW);
        drain();
    }
}

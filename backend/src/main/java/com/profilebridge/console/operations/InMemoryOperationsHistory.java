package com.profilebridge.console.operations;

import java.util.List;

/**
 * This process's history in two ring buffers: {@code samples} points (360 at one every 10 s: the
 * last hour, a few hundred bytes each) and the last {@code transitions} breaker changes.
 */
final class InMemoryOperationsHistory implements OperationsHistory {

    private final RingBuffer<Sample> samples;
    private final RingBuffer<BreakerTransition> transitions;

    InMemoryOperationsHistory(int samples, int transitions) {
        this.samples = new RingBuffer<>(samples);
        this.transitions = new RingBuffer<>(transitions);
    }

    @Override
    public void record(Sample sample) {
        samples.add(sample);
    }

    @Override
    public void record(BreakerTransition transition) {
        transitions.add(transition);
    }

    @Override
    public List<Sample> samples() {
        return samples.toList();
    }

    @Override
    public List<BreakerTransition> transitions() {
        return transitions.toList().reversed();
    }
}

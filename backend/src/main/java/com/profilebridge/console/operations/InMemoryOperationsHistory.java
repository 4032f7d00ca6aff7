package com.profilebridge.console.operations;

import java.util.List;
import java.util.Optional;

/**
 * This process's history in two ring buffers: {@code samples} points (360 at one every 10 s: the
 * last hour, a few hundred bytes each) and the last {@code transitions} breaker changes. The
 * embedded default's history, and each instance's own part of {@link RedisOperationsHistory}.
 */
final class InMemoryOperationsHistory implements OperationsHistory {

    private final OperationsInstance self;
    private final RingBuffer<Sample> samples;
    private final RingBuffer<BreakerTransition> transitions;

    InMemoryOperationsHistory(OperationsInstance self, int samples, int transitions) {
        this.self = self;
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
    public Histories read() {
        return new Histories(OperationsSnapshot.Scope.THIS_INSTANCE, List.of(history()));
    }

    /** This instance's history. */
    InstanceHistory history() {
        return new InstanceHistory(self.id(), self.name(), true, samples(), transitions());
    }

    /** The kept samples, oldest first. */
    List<Sample> samples() {
        return samples.toList();
    }

    /** The kept breaker transitions, newest first. */
    List<BreakerTransition> transitions() {
        return transitions.toList().reversed();
    }

    Optional<Sample> latest() {
        List<Sample> kept = samples();
        return kept.isEmpty() ? Optional.empty() : Optional.of(kept.getLast());
    }
}

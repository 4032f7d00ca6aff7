package com.profilebridge.console.operations;

import java.util.List;
import java.util.Optional;

/**
 * Where the operations page's history is kept. Today {@link InMemoryOperationsHistory}: each instance
 * keeps its own last hour, which is all one process can know of its own meters. A scale-out store
 * (one history per instance in Redis or the database, merged for the page) replaces this bean
 * without touching the sampler or the views.
 */
public interface OperationsHistory {

    void record(Sample sample);

    void record(BreakerTransition transition);

    /** The kept samples, oldest first. */
    List<Sample> samples();

    /** The kept breaker transitions, newest first. */
    List<BreakerTransition> transitions();

    default Optional<Sample> latest() {
        List<Sample> samples = samples();
        return samples.isEmpty() ? Optional.empty() : Optional.of(samples.getLast());
    }
}

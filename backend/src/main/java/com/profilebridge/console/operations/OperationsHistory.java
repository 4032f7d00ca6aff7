package com.profilebridge.console.operations;

import java.util.List;

/**
 * Where the operations page's history is kept. {@link InMemoryOperationsHistory} (the embedded
 * default, one instance) keeps this process's last hour; {@link RedisOperationsHistory} (when the
 * Redis cache is on, as in {@code prod}) also writes it to Redis and reads every live instance's
 * history back, so whichever instance serves the page shows the cluster.
 */
interface OperationsHistory {

    /** This instance's sample of the interval that just ended. */
    void record(Sample sample);

    /** A transition of this instance's CDP breaker. */
    void record(BreakerTransition transition);

    /** Every instance's kept history, this instance first. */
    Histories read();

    /**
     * @param scope whose histories these are
     * @param instances this instance first, then the others by name
     */
    record Histories(OperationsSnapshot.Scope scope, List<InstanceHistory> instances) {

        public Histories {
            instances = List.copyOf(instances);
        }
    }
}

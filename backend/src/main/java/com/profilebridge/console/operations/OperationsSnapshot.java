package com.profilebridge.console.operations;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The operations page's data: this instance's history and the state now.
 *
 * @param at when the snapshot was taken
 * @param instance which instance this is: CDP, breaker and cache figures are this process's own;
 *     outbox figures are global (the database is shared)
 * @param cdp the CDP provider's name
 * @param sampleInterval how often samples are taken
 * @param window how far back samples are kept
 * @param breaker the CDP breaker's state now
 * @param samples oldest first
 * @param transitions the breaker's transitions, newest first
 */
public record OperationsSnapshot(
        Instant at,
        String instance,
        String cdp,
        Duration sampleInterval,
        Duration window,
        CircuitBreaker.State breaker,
        List<Sample> samples,
        List<BreakerTransition> transitions) {}

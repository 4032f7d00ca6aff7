package com.profilebridge.console.operations;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;

/** The CDP circuit breaker changed state at {@code at} (the application's clock). */
public record BreakerTransition(Instant at, CircuitBreaker.State from, CircuitBreaker.State to) {}

package com.profilebridge.cdp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Reports whether the CDP answers and what its circuit breaker says. A CDP outage or an open
 * breaker is {@code DEGRADED} (HTTP 200), not {@code DOWN}: the BFF still serves cached and guest
 * answers, so it must stay in the load balancer. While the breaker is open the CDP is not pinged:
 * the breaker exists to leave it alone.
 */
@Component("cdp")
class CdpHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "CDP unreachable; answers come from cache or guest");
    private final CdpClient cdp;
    private final CircuitBreakerRegistry breakers;

    CdpHealthIndicator(CdpClient cdp, CircuitBreakerRegistry breakers) {
        this.cdp = cdp;
        this.breakers = breakers;
    }

    @Override
    public Health health() {
        Optional<CircuitBreaker> breaker = breakers.find(cdp.breakerName());
        CircuitBreaker.State state = breaker.map(CircuitBreaker::getState).orElse(CircuitBreaker.State.CLOSED);
        Health.Builder health;
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            health = Health.status(DEGRADED).withDetail("reason", "circuit breaker open: no CDP calls until it half-opens");
        } else {
            health = ping() ? Health.up() : Health.status(DEGRADED).withDetail("reason", "CDP did not answer the ping");
        }
        health.withDetail("provider", cdp.name()).withDetail("breaker", state.name());
        breaker.ifPresent(b -> health.withDetail("failureRate", b.getMetrics().getFailureRate())
                .withDetail("slowCallRate", b.getMetrics().getSlowCallRate()));
        return health.build();
    }

    private boolean ping() {
        try {
            return cdp.ping();
        } catch (RuntimeException e) {
            return false;
        }
    }
}

package com.profilebridge.cdp;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Reports whether the CDP answers. A CDP outage is {@code DEGRADED} (HTTP 200), not {@code DOWN}:
 * the BFF still serves cached and guest answers, so it must stay in the load balancer.
 */
@Component("cdp")
class CdpHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "CDP unreachable; answers come from cache or guest");
    private final CdpClient cdp;

    CdpHealthIndicator(CdpClient cdp) {
        this.cdp = cdp;
    }

    @Override
    public Health health() {
        boolean up;
        try {
            up = cdp.ping();
        } catch (RuntimeException e) {
            up = false;
        }
        return (up ? Health.up() : Health.status(DEGRADED)).withDetail("provider", cdp.name()).build();
    }
}

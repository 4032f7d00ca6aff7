package com.profilebridge.cdp;

import java.util.Optional;

/**
 * The service-account side of a Customer Data Platform. Implementations are blocking, enforce
 * their own connect/read timeouts and throw {@link CdpUnavailable} for anything that should count
 * against the CDP's circuit breaker (timeouts, refused connections, 5xx, 429).
 */
public interface CdpClient {

    /** Short provider name ({@code demo}, {@code http}, ...); names the breaker and metrics. */
    String name();

    /** Profiles matching one normalised identifier; several for a shared (household) phone. */
    CdpMatches lookup(CdpIdentifier identifier);

    /** The full profile of one CDP user, empty when the CDP does not know the id. */
    Optional<CdpProfile> profile(String userId);

    /** Records an interaction outcome on the customer's profile; must be idempotent per message id. */
    void track(CdpTrackEvent event);

    /** A cheap reachability check for health reporting. */
    boolean ping();

    /** The name of this CDP's circuit breaker in the Resilience4j registry. */
    default String breakerName() {
        return "cdp-" + name();
    }
}

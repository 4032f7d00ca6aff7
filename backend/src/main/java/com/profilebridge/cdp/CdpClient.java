package com.profilebridge.cdp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The most events {@link #publish} takes in one call; the delivery worker never hands it more. */
    default int maxBatchEvents() {
        return 1;
    }

    /**
     * Sends outcomes the vendor's way (one batch request where the vendor has one) and says for each
     * message what happened, keyed by message id; a message refused for its content must not hold
     * back the rest. Idempotent per message id. The default sends them one by one through
     * {@link #track} and stops at the first outage: the messages after it are {@code NotSent}.
     */
    default Map<String, CdpDelivery> publish(List<CdpTrackEvent> events) {
        Map<String, CdpDelivery> results = new LinkedHashMap<>();
        boolean stopped = false;
        for (CdpTrackEvent event : events) {
            if (stopped) {
                results.put(event.messageId(), new CdpDelivery.NotSent());
                continue;
            }
            try {
                track(event);
                results.put(event.messageId(), CdpDelivery.delivered());
            } catch (CdpRejected e) {
                results.put(event.messageId(), new CdpDelivery.Refused(e.getMessage()));
            } catch (CdpUnavailable e) {
                results.put(event.messageId(), new CdpDelivery.RetryLater(e.getMessage(), e.retryAfter().orElse(null)));
                stopped = true;
            }
        }
        return results;
    }

    /** A cheap reachability check for health reporting. */
    boolean ping();

    /** The name of this CDP's circuit breaker in the Resilience4j registry. */
    default String breakerName() {
        return "cdp-" + name();
    }
}

package com.profilebridge.cdp.segment;

import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpDelivery;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpRejected;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.cdp.CdpUnavailable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** Segment as the product's CDP: Profile API lookups, Tracking API batches. */
final class SegmentCdpClient implements CdpClient, AutoCloseable {

    private final SegmentProfiles profiles;
    private final SegmentTracking tracking;
    private final ExecutorService executor;

    SegmentCdpClient(SegmentProfiles profiles, SegmentTracking tracking, ExecutorService executor) {
        this.profiles = profiles;
        this.tracking = tracking;
        this.executor = executor;
    }

    /** Stops the HTTP client's virtual-thread executor. */
    @Override
    public void close() {
        executor.close();
    }

    @Override
    public String name() {
        return "segment";
    }

    @Override
    public CdpMatches lookup(CdpIdentifier identifier) {
        return profiles.lookup(identifier);
    }

    @Override
    public Optional<CdpProfile> profile(String userId) {
        return profiles.profile(userId);
    }

    @Override
    public void track(CdpTrackEvent event) {
        switch (tracking.publish(List.of(event)).get(event.messageId())) {
            case CdpDelivery.Refused refused -> throw new CdpRejected(refused.reason(),
                    new IllegalArgumentException(refused.reason()));
            case CdpDelivery.RetryLater retry -> throw new CdpUnavailable(retry.reason(), null, retry.retryAfter());
            case CdpDelivery.NotSent notSent -> throw new CdpUnavailable("Segment: not sent");
            case CdpDelivery.Delivered delivered -> {}
            case null -> throw new CdpUnavailable("Segment: no result");
        }
    }

    @Override
    public int maxBatchEvents() {
        return tracking.maxEvents();
    }

    @Override
    public Map<String, CdpDelivery> publish(List<CdpTrackEvent> events) {
        return tracking.publish(events);
    }

    @Override
    public boolean ping() {
        return profiles.ping();
    }
}

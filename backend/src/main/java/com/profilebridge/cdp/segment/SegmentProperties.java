package com.profilebridge.cdp.segment;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Segment adapter ({@code cdp.provider=segment}). Secrets come from configuration or the
 * environment only ({@code CDP_SEGMENT_ACCESS_TOKEN}, {@code CDP_SEGMENT_WRITE_KEY}) or from a file
 * (a mounted secret), which is read again when Segment answers 401.
 *
 * @param region {@code us} (default) or {@code eu}; picks both hosts unless they are given
 * @param profileUrl Profile API host, overrides the region's
 * @param trackingUrl Tracking API base (up to, not including, {@code /v1}), overrides the region's
 * @param spaceId the Unify space the access token belongs to
 * @param accessToken Profile API access token (HTTP Basic user, empty password)
 * @param accessTokenFile a file holding the access token instead
 * @param writeKey the HTTP API source's write key (HTTP Basic user, empty password)
 * @param writeKeyFile a file holding the write key instead
 * @param connectTimeout TCP connect timeout for both APIs
 * @param readTimeout Profile API response timeout; keep it below the resolve budget
 * @param publishTimeout Tracking API response timeout (off the request path)
 * @param maxBatchEvents events per {@code batch} request, 1..2500
 */
@ConfigurationProperties("cdp.segment")
record SegmentProperties(
        @DefaultValue("us") Region region,
        @Nullable URI profileUrl,
        @Nullable URI trackingUrl,
        @Nullable String spaceId,
        @Nullable String accessToken,
        @Nullable Path accessTokenFile,
        @Nullable String writeKey,
        @Nullable Path writeKeyFile,
        @DefaultValue("300ms") Duration connectTimeout,
        @DefaultValue("1000ms") Duration readTimeout,
        @DefaultValue("10s") Duration publishTimeout,
        @DefaultValue("500") int maxBatchEvents,
        @DefaultValue Identifiers identifiers,
        @DefaultValue Traits traits,
        @DefaultValue Limits limits) {

    /** Segment's regional hosts (Profile API; Tracking API). */
    enum Region {
        US("https://profiles.segment.com", "https://api.segment.io"),
        EU("https://profiles.euw1.segment.com", "https://events.eu1.segmentapis.com");

        final String profiles;
        final String tracking;

        Region(String profiles, String tracking) {
            this.profiles = profiles;
            this.tracking = tracking;
        }
    }

    URI profileBase() {
        return profileUrl != null ? profileUrl : URI.create(region.profiles);
    }

    URI trackingBase() {
        return trackingUrl != null ? trackingUrl : URI.create(region.tracking);
    }

    /**
     * The external-id types a lookup uses ({@code type:value}).
     *
     * @param phone Segment keeps phones under a custom identifier; {@code phone_number} by default
     */
    record Identifiers(
            @DefaultValue("phone_number") String phone,
            @DefaultValue("email") String email,
            @DefaultValue("user_id") String userId) {}

    /**
     * Which Segment trait holds which profile field; a blank name leaves the field empty.
     *
     * @param extra further traits fetched into the profile's attributes (masked downstream)
     * @param household a trait listing the user ids of the other people who share this profile's
     *     phone (an array or a comma-separated string); unset: Segment's one-profile answer stands
     */
    record Traits(
            @DefaultValue("name") String name,
            @DefaultValue("email") String email,
            @DefaultValue("phone") String phone,
            @DefaultValue("tier") String tier,
            @DefaultValue("lifetime_value") String lifetimeValue,
            @DefaultValue("preferred_channel") String preferredChannel,
            @DefaultValue("sentiment_score") String sentimentScore,
            @DefaultValue("recent_orders") String recentOrders,
            @DefaultValue("recent_interactions") String recentInteractions,
            @DefaultValue("notes") String notes,
            @DefaultValue List<String> extra,
            @Nullable String household) {}

    /**
     * Our side of Segment's limits.
     *
     * @param profileRequestsPerSecond Profile API calls per second from this instance (Segment allows
     *     100 per space in total: divide by the number of instances)
     * @param profileRateWait the longest a lookup waits for a permit before it fails fast
     * @param profileConcurrency Profile API calls in flight from this instance
     * @param householdMembers the most household members fetched per phone lookup
     */
    record Limits(
            @DefaultValue("90") int profileRequestsPerSecond,
            @DefaultValue("50ms") Duration profileRateWait,
            @DefaultValue("32") int profileConcurrency,
            @DefaultValue("4") int householdMembers) {}
}

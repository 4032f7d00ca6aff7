package com.profilebridge.cdp.segment;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Test settings for the adapter, defaults as in production except the hosts. */
final class SegmentSettings {

    static final String SPACE = "spa_9q2Xv";
    static final String TOKEN = "sgp_access_token_5b1e";
    static final String WRITE_KEY = "wk_7GfKq2Lx9pR3";

    String base;
    @Nullable String accessToken = TOKEN;
    @Nullable Path accessTokenFile;
    @Nullable String writeKey = WRITE_KEY;
    @Nullable Path writeKeyFile;
    @Nullable String spaceId = SPACE;
    Duration readTimeout = Duration.ofMillis(1000);
    Duration publishTimeout = Duration.ofSeconds(5);
    int maxBatchEvents = 500;
    List<String> extra = List.of();
    @Nullable String household;
    int requestsPerSecond = 90;
    int concurrency = 32;

    SegmentSettings(String base) {
        this.base = base;
    }

    SegmentProperties build() {
        return new SegmentProperties(SegmentProperties.Region.US, URI.create(base), URI.create(base), spaceId,
                accessToken, accessTokenFile, writeKey, writeKeyFile, Duration.ofMillis(300), readTimeout, publishTimeout,
                maxBatchEvents, new SegmentProperties.Identifiers("phone_number", "email", "user_id"),
                new SegmentProperties.Traits("name", "email", "phone", "tier", "lifetime_value", "preferred_channel",
                        "sentiment_score", "recent_orders", "recent_interactions", "notes", extra, household),
                new SegmentProperties.Limits(requestsPerSecond, Duration.ofMillis(50), concurrency, 4));
    }
}

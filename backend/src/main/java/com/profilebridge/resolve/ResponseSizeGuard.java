package com.profilebridge.resolve;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps every resolve answer within {@code bridge.resolve.max-response-bytes} (10 KB). When an
 * answer is too big, it is trimmed step by step until it fits, in this order:
 * <ol>
 *   <li>recent order ids cut to 5, then to none (the counts stay);
 *   <li>{@code ignored_fields} dropped;
 *   <li>free-text values ({@code tier}, {@code preferred_channel}, {@code reason}) cut to 64 characters;
 *   <li>the nested {@code profile} dropped (the flat fields carry the same data);
 *   <li>only the routing fields kept ({@code status}, {@code identity_status}, {@code confidence_score},
 *       {@code match_type}, {@code profile_source}, {@code cdp_user_id} when short, {@code correlation_id}).
 * </ol>
 * A trimmed answer carries {@code truncated: true}.
 */
@Component
class ResponseSizeGuard {

    private final JsonMapper json;
    private final int maxBytes;

    ResponseSizeGuard(JsonMapper json, ResolveProperties properties) {
        this.json = json;
        this.maxBytes = properties.maxResponseBytes();
    }

    byte[] serialize(ResolveResponse response) {
        return json.writeValueAsBytes(response);
    }

    ResolveResponse bound(ResolveResponse r) {
        if (fits(r)) {
            return r;
        }
        ResolveResponse t = withOrders(r, 5);
        if (fits(t)) {
            return t;
        }
        t = withOrders(r, 0);
        if (fits(t)) {
            return t;
        }
        t = copy(t, t.tier(), t.preferredChannel(), t.reason(), null, t.profile());
        if (fits(t)) {
            return t;
        }
        t = copy(t, cut(t.tier()), cut(t.preferredChannel()), cut(t.reason()), null,
                t.profile() == null ? null : new ResolveResponse.Profile(t.profile().cdpUserId(), cut(t.tier()),
                        t.profile().lifetimeValue(), cut(t.preferredChannel()), List.of(),
                        t.profile().recentOrderCount(), t.profile().sentimentScore()));
        if (fits(t)) {
            return t;
        }
        t = copy(t, t.tier(), t.preferredChannel(), t.reason(), null, null);
        if (fits(t)) {
            return t;
        }
        String userId = r.cdpUserId() != null && r.cdpUserId().length() <= 256 ? r.cdpUserId() : null;
        return new ResolveResponse(r.status(), r.identityStatus(), r.confidenceScore(), r.matchType(),
                r.profileSource(), null, userId, r.candidateCount(), null, null, null, null, null, null, null, null,
                r.correlationId(), true, null);
    }

    private boolean fits(ResolveResponse r) {
        return serialize(r).length <= maxBytes;
    }

    private static @Nullable String cut(@Nullable String s) {
        return s == null || s.length() <= 64 ? s : s.substring(0, 64);
    }

    private static ResolveResponse withOrders(ResolveResponse r, int keep) {
        ResolveResponse.Profile p = r.profile();
        ResolveResponse.Profile trimmed = p == null ? null : new ResolveResponse.Profile(p.cdpUserId(), p.tier(),
                p.lifetimeValue(), p.preferredChannel(), p.recentOrders().stream().limit(keep).toList(),
                p.recentOrderCount(), p.sentimentScore());
        return copy(r, r.tier(), r.preferredChannel(), r.reason(), r.ignoredFields(), trimmed);
    }

    private static ResolveResponse copy(ResolveResponse r, @Nullable String tier, @Nullable String channel,
            @Nullable String reason, @Nullable String ignored, ResolveResponse.@Nullable Profile profile) {
        return new ResolveResponse(r.status(), r.identityStatus(), r.confidenceScore(), r.matchType(),
                r.profileSource(), r.profileAgeSeconds(), r.cdpUserId(), r.candidateCount(), tier, r.lifetimeValue(),
                channel, r.recentOrderCount(), r.sentimentScore(), reason, ignored, r.interactionId(),
                r.correlationId(), true, profile);
    }
}

package com.profilebridge.resolve;

import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectWriter;
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

    /** Prepared once: a writer per call would look the serializer up on every answer. */
    private final ObjectWriter json;
    private final int maxBytes;

    ResponseSizeGuard(JsonMapper json, ResolveProperties properties) {
        this.json = json.writerFor(ResolveResponse.class);
        this.maxBytes = properties.maxResponseBytes();
    }

    /** The answer, trimmed as little as needed, and its bytes (serialised once when it fits). */
    Bounded bound(ResolveResponse response) {
        ResolveResponse current = response;
        byte[] body = json.writeValueAsBytes(current);
        for (UnaryOperator<ResolveResponse> trim : TRIMS) {
            if (body.length <= maxBytes) {
                break;
            }
            current = trim.apply(current);
            body = json.writeValueAsBytes(current);
        }
        return new Bounded(current, body);
    }

    /** A resolve answer within the size cap and its serialised form. */
    record Bounded(ResolveResponse response, byte[] body) {}

    /** The trimming steps in the documented order; each applies to the result of the previous one. */
    private static final List<UnaryOperator<ResolveResponse>> TRIMS = List.of(
            r -> withOrders(r, 5),
            r -> withOrders(r, 0),
            r -> copy(r, r.tier(), r.preferredChannel(), r.reason(), null, r.profile()),
            ResponseSizeGuard::cutTexts,
            r -> copy(r, r.tier(), r.preferredChannel(), r.reason(), null, null),
            ResponseSizeGuard::routingOnly);

    private static ResolveResponse cutTexts(ResolveResponse t) {
        ResolveResponse.Profile p = t.profile();
        return copy(t, cut(t.tier()), cut(t.preferredChannel()), cut(t.reason()), null,
                p == null ? null : new ResolveResponse.Profile(p.cdpUserId(), cut(p.tier()), p.lifetimeValue(),
                        cut(p.preferredChannel()), List.of(), p.recentOrderCount(), p.sentimentScore()));
    }

    private static ResolveResponse routingOnly(ResolveResponse r) {
        String userId = r.cdpUserId() != null && r.cdpUserId().length() <= 256 ? r.cdpUserId() : null;
        return new ResolveResponse(r.status(), r.identityStatus(), r.confidenceScore(), r.matchType(),
                r.profileSource(), null, userId, r.candidateCount(), null, null, null, null, null, null, null, null,
                r.correlationId(), true, null);
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

package com.profilebridge.resolve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The IVR answer: flat, typed top-level fields an Architect translation map reads directly, plus
 * the guide's nested {@code profile}. Absent values are omitted, never {@code null}: Genesys
 * defaults do not apply to nulls.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResolveResponse(
        String status,
        @JsonProperty("identity_status") String identityStatus,
        @JsonProperty("confidence_score") double confidenceScore,
        @JsonProperty("match_type") String matchType,
        @JsonProperty("profile_source") String profileSource,
        @JsonProperty("profile_age_seconds") @Nullable Long profileAgeSeconds,
        @JsonProperty("cdp_user_id") @Nullable String cdpUserId,
        @JsonProperty("candidate_count") int candidateCount,
        @Nullable String tier,
        @JsonProperty("lifetime_value") @Nullable BigDecimal lifetimeValue,
        @JsonProperty("preferred_channel") @Nullable String preferredChannel,
        @JsonProperty("recent_order_count") @Nullable Integer recentOrderCount,
        @JsonProperty("sentiment_score") @Nullable Double sentimentScore,
        @Nullable String reason,
        @JsonProperty("ignored_fields") @Nullable String ignoredFields,
        @JsonProperty("interaction_id") @Nullable String interactionId,
        @JsonProperty("correlation_id") String correlationId,
        @Nullable Boolean truncated,
        @Nullable Profile profile) {

    /** The guide's nested profile. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Profile(
            @JsonProperty("cdp_user_id") String cdpUserId,
            @Nullable String tier,
            @JsonProperty("lifetime_value") @Nullable BigDecimal lifetimeValue,
            @JsonProperty("preferred_channel") @Nullable String preferredChannel,
            @JsonProperty("recent_orders") List<String> recentOrders,
            @JsonProperty("recent_order_count") int recentOrderCount,
            @JsonProperty("sentiment_score") @Nullable Double sentimentScore) {}
}

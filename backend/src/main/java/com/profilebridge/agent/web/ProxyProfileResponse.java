package com.profilebridge.agent.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.masking.MaskedProfile;
import com.profilebridge.profile.ProfileLookup;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's answer: one masked profile and where its data came from. Built only from a
 * {@link MaskedProfile}, so unmasked data cannot reach it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProxyProfileResponse(
        @JsonProperty("cdp_user_id") String cdpUserId,
        @JsonProperty("interaction_id") @Nullable String interactionId,
        @JsonProperty("profile_source") String profileSource,
        @JsonProperty("profile_age_seconds") long profileAgeSeconds,
        @Nullable String problem,
        @JsonProperty("correlation_id") String correlationId,
        Profile profile) {

    static ProxyProfileResponse of(MaskedProfile masked, ProfileLookup lookup, @Nullable String interactionId,
            String correlationId) {
        CdpProfile p = masked.profile();
        return new ProxyProfileResponse(p.userId(), interactionId, lookup.source().name(), lookup.age().toSeconds(),
                lookup.problem(), correlationId,
                new Profile(p.userId(), p.name(), p.email(), p.phone(), p.tier(), p.lifetimeValue(),
                        p.preferredChannel(), p.sentimentScore(),
                        p.recentOrders().stream().map(o -> new Order(o.id(), o.placedAt(), o.total(), o.status())).toList(),
                        p.recentInteractions().stream().map(i -> new Interaction(i.at(), i.channel(), i.outcome(),
                                i.summary(), i.interactionId())).toList(),
                        p.notes(), p.attributes(), p.updatedAt()));
    }

    /** The masked profile (e-mail, phone, SSN, card numbers and dates of birth masked; secrets dropped). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Profile(
            @JsonProperty("cdp_user_id") String cdpUserId,
            @Nullable String name,
            @Nullable String email,
            @Nullable String phone,
            @Nullable String tier,
            @JsonProperty("lifetime_value") @Nullable BigDecimal lifetimeValue,
            @JsonProperty("preferred_channel") @Nullable String preferredChannel,
            @JsonProperty("sentiment_score") @Nullable Double sentimentScore,
            @JsonProperty("recent_orders") List<Order> recentOrders,
            @JsonProperty("recent_interactions") List<Interaction> recentInteractions,
            @Nullable String notes,
            Map<String, String> attributes,
            @JsonProperty("updated_at") @Nullable Instant updatedAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Order(String id, @JsonProperty("placed_at") @Nullable Instant placedAt, @Nullable BigDecimal total,
            @Nullable String status) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Interaction(@Nullable Instant at, @Nullable String channel, @Nullable String outcome,
            @Nullable String summary, @JsonProperty("interaction_id") @Nullable String interactionId) {}
}

package com.profilebridge.profileview;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.profilebridge.cdp.CdpProfile;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A shown profile as the REST callers (the proxy, the console API) receive it. Built only from a
 * {@link ProfileView.Displayed} outcome, whose profiles are masked by the viewer's {@link Masking}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ShownProfile", description = "A masked profile (masked per the viewer's role; secrets dropped)")
public record ShownProfile(
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
        @JsonProperty("updated_at") @Nullable Instant updatedAt) {

    /** Every profile of an outcome, in its order. */
    public static List<ShownProfile> of(ProfileView.Displayed shown) {
        return shown.profiles().stream().map(ShownProfile::of).toList();
    }

    private static ShownProfile of(CdpProfile p) {
        return new ShownProfile(p.userId(), p.name(), p.email(), p.phone(), p.tier(), p.lifetimeValue(),
                p.preferredChannel(), p.sentimentScore(),
                p.recentOrders().stream().map(o -> new Order(o.id(), o.placedAt(), o.total(), o.status())).toList(),
                p.recentInteractions().stream().map(i -> new Interaction(i.at(), i.channel(), i.outcome(),
                        i.summary(), i.interactionId())).toList(),
                p.notes(), p.attributes(), p.updatedAt());
    }

    /** One recent order. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ShownOrder")
    public record Order(String id, @JsonProperty("placed_at") @Nullable Instant placedAt, @Nullable BigDecimal total,
            @Nullable String status) {}

    /** One recent interaction. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ShownInteraction")
    public record Interaction(@Nullable Instant at, @Nullable String channel, @Nullable String outcome,
            @Nullable String summary, @JsonProperty("interaction_id") @Nullable String interactionId) {}
}

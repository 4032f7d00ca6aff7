package com.profilebridge.cdp;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A unified customer profile as a CDP returns it. May hold raw PII until the masking feature has
 * processed it; only masked copies are cached, shown or logged.
 *
 * @param attributes traits the port has no field for; PII such as {@code ssn},
 *     {@code credit_card_number} and {@code date_of_birth} arrive here
 */
public record CdpProfile(
        String userId,
        @Nullable String name,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String tier,
        @Nullable BigDecimal lifetimeValue,
        @Nullable String preferredChannel,
        @Nullable Double sentimentScore,
        List<Order> recentOrders,
        List<Interaction> recentInteractions,
        @Nullable String notes,
        Map<String, String> attributes,
        @Nullable Instant updatedAt) {

    public CdpProfile {
        recentOrders = List.copyOf(recentOrders);
        recentInteractions = List.copyOf(recentInteractions);
        attributes = Map.copyOf(attributes);
    }

    /** One order in the profile's recent history. */
    public record Order(String id, @Nullable Instant placedAt, @Nullable BigDecimal total, @Nullable String status) {}

    /** One past interaction (call, chat, e-mail) recorded on the profile. */
    public record Interaction(
            @Nullable Instant at,
            @Nullable String channel,
            @Nullable String outcome,
            @Nullable String summary,
            @Nullable String interactionId) {}

    @Override
    public String toString() {
        return "CdpProfile[" + userId + "]";
    }
}

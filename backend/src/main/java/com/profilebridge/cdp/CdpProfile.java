package com.profilebridge.cdp;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A unified customer profile as a CDP returns it. May hold raw PII until the masking feature has
 * processed it; only masked copies are cached, shown or logged. A profile always names its user: an
 * answer without a non-blank user id ("not found" bodies, an empty object, a bare candidate) is no
 * profile, and this record refuses to exist without one, so no adapter can turn it into a match.
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
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("A CDP profile needs a non-blank user id");
        }
        recentOrders = List.copyOf(recentOrders);
        recentInteractions = List.copyOf(recentInteractions);
        attributes = Map.copyOf(attributes);
    }

    /** Whether a value can name a CDP user: present and not blank. Adapters test with this before building a profile. */
    public static boolean namesAUser(@Nullable String userId) {
        return userId != null && !userId.isBlank();
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

package com.profilebridge.cdp.segment;

import com.profilebridge.cdp.CdpProfile;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Maps Segment traits onto the product's profile through the configured trait names. Orders and
 * interactions come from traits holding JSON arrays (Segment's {@code /events} keeps 14 days of raw
 * events and costs another call per resolve, so it is not used).
 */
final class SegmentTraitMapper {

    private final SegmentProperties.Traits names;
    private final List<String> projection;

    SegmentTraitMapper(SegmentProperties.Traits names) {
        this.names = names;
        Set<String> all = new LinkedHashSet<>();
        for (String name : List.of(names.name(), names.email(), names.phone(), names.tier(), names.lifetimeValue(),
                names.preferredChannel(), names.sentimentScore(), names.recentOrders(), names.recentInteractions(),
                names.notes())) {
            addIfSet(all, name);
        }
        names.extra().forEach(extra -> addIfSet(all, extra));
        addIfSet(all, names.household());
        this.projection = List.copyOf(all);
    }

    private static void addIfSet(Set<String> all, @Nullable String name) {
        if (name != null && !name.isBlank()) {
            all.add(name.strip());
        }
    }

    /** The traits a lookup asks for ({@code include=}): only what the profile shows. */
    List<String> projection() {
        return projection;
    }

    static CdpProfile bare(String userId) {
        return new CdpProfile(userId, null, null, null, null, null, null, null, List.of(), List.of(), null, Map.of(),
                null);
    }

    CdpProfile toProfile(String userId, JsonNode traits) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String extra : names.extra()) {
            String value = text(traits, extra);
            if (value != null) {
                attributes.put(extra.strip(), value);
            }
        }
        return new CdpProfile(
                userId,
                text(traits, names.name()),
                text(traits, names.email()),
                text(traits, names.phone()),
                text(traits, names.tier()),
                decimal(traits, names.lifetimeValue()),
                text(traits, names.preferredChannel()),
                number(traits, names.sentimentScore()),
                orders(field(traits, names.recentOrders())),
                interactions(field(traits, names.recentInteractions())),
                text(traits, names.notes()),
                attributes,
                null);
    }

    private static List<CdpProfile.Order> orders(JsonNode list) {
        List<CdpProfile.Order> orders = new ArrayList<>();
        for (JsonNode o : list) {
            if (o.isObject()) {
                String id = first(o, "id", "order_id");
                if (id != null) {
                    orders.add(new CdpProfile.Order(id, instant(first(o, "placed_at", "date", "timestamp")),
                            decimal(o, "total"), first(o, "status")));
                }
            } else if (o.isValueNode() && !o.isNull() && !o.asString("").isBlank()) {
                orders.add(new CdpProfile.Order(o.asString(), null, null, null));
            }
        }
        return orders;
    }

    private static List<CdpProfile.Interaction> interactions(JsonNode list) {
        List<CdpProfile.Interaction> interactions = new ArrayList<>();
        for (JsonNode i : list) {
            if (i.isObject()) {
                interactions.add(new CdpProfile.Interaction(instant(first(i, "at", "timestamp")), first(i, "channel"),
                        first(i, "outcome", "disposition"), first(i, "summary"), first(i, "interaction_id")));
            }
        }
        return interactions;
    }

    private static JsonNode field(JsonNode traits, @Nullable String name) {
        return name == null || name.isBlank() ? MissingNode.getInstance() : traits.path(name.strip());
    }

    private static @Nullable String text(JsonNode traits, @Nullable String name) {
        JsonNode node = field(traits, name);
        if (node.isValueNode() && !node.isNull()) {
            String text = node.asString();
            return text.isBlank() ? null : text;
        }
        return null;
    }

    private static @Nullable String first(JsonNode node, String... names) {
        for (String name : names) {
            String text = text(node, name);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    private static @Nullable BigDecimal decimal(JsonNode traits, @Nullable String name) {
        JsonNode node = field(traits, name);
        if (node.isNumber()) {
            return node.decimalValue();
        }
        String text = text(traits, name);
        try {
            return text == null ? null : new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable Double number(JsonNode traits, @Nullable String name) {
        BigDecimal value = decimal(traits, name);
        return value == null ? null : value.doubleValue();
    }

    private static @Nullable Instant instant(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

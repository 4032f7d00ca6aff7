package com.profilebridge.cdp.adobe;

import com.profilebridge.cdp.CdpProfile;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Turns Profile Access answers ({@code {"<entity id>": {"entityId", "entity": {...},
 * "lastModifiedAt"}}}) into product profiles: the user id is the entity's id in the configured CRM
 * namespace (from {@code identities[]} or {@code identityMap}), else the entity id; the traits come
 * from the configured XDM paths.
 */
final class XdmProfiles {

    private final String crmNamespace;
    private final AdobeCdpProperties.Traits traits;
    private final @Nullable String tenantField;

    XdmProfiles(AdobeCdpProperties properties) {
        this.crmNamespace = properties.crmNamespace().strip();
        this.traits = properties.traits();
        this.tenantField = properties.tenantField();
    }

    /** The {@code fields=} projection: identities and every configured trait path, nothing else. */
    String fields() {
        Set<String> fields = new LinkedHashSet<>(List.of("identities", "identityMap"));
        List<String> paths = new ArrayList<>(List.of(traits.name(), traits.firstName(), traits.lastName(),
                traits.email(), traits.phone(), traits.tier(), traits.lifetimeValue(), traits.preferredChannel(),
                traits.sentimentScore()));
        paths.addAll(traits.attributes().values());
        for (String path : paths) {
            resolve(path).ifPresent(fields::add);
        }
        return String.join(",", fields);
    }

    /**
     * Every person in an answer. An entity AEP returns empty ({@code "entity": {}}, its answer for an
     * unknown identity) names nobody. One entity whose graph holds several CRM ids (a household
     * phone stitched into one graph) is several people: each is listed by id alone, since the
     * merged traits belong to none of them in particular.
     */
    List<CdpProfile> people(JsonNode answer) {
        List<CdpProfile> people = new ArrayList<>();
        if (!answer.isObject()) {
            return people;
        }
        for (Map.Entry<String, JsonNode> item : answer.properties()) {
            JsonNode wrapper = item.getValue();
            JsonNode entity = wrapper.path("entity");
            if (!entity.isObject() || entity.isEmpty()) {
                continue;
            }
            List<String> crmIds = crmIds(entity);
            if (crmIds.size() > 1) {
                crmIds.forEach(id -> people.add(bare(id)));
                continue;
            }
            String entityId = text(wrapper.path("entityId"));
            String userId = !crmIds.isEmpty() ? crmIds.getFirst() : entityId != null ? entityId : item.getKey();
            if (CdpProfile.namesAUser(userId)) {
                people.add(profile(userId.strip(), entity, wrapper.path("lastModifiedAt")));
            }
        }
        return people;
    }

    /** Ids in the CRM namespace, primary first, from {@code identities[]} and {@code identityMap}. */
    List<String> crmIds(JsonNode entity) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> secondary = new ArrayList<>();
        if (crmNamespace.isEmpty()) {
            return List.of();
        }
        for (JsonNode identity : entity.path("identities")) {
            String code = text(identity.path("namespace").path("code"));
            String id = text(identity.path("id"));
            if (id != null && code != null && code.equalsIgnoreCase(crmNamespace)) {
                (isPrimary(identity) ? ids : secondary).add(id.strip());
            }
        }
        for (Map.Entry<String, JsonNode> namespace : entity.path("identityMap").properties()) {
            if (namespace.getKey().equalsIgnoreCase(crmNamespace)) {
                for (JsonNode identity : namespace.getValue()) {
                    String id = text(identity.path("id"));
                    if (id != null) {
                        (isPrimary(identity) ? ids : secondary).add(id.strip());
                    }
                }
            }
        }
        ids.addAll(secondary);
        return List.copyOf(ids);
    }

    private static boolean isPrimary(JsonNode identity) {
        JsonNode primary = identity.path("primary");
        // AEP's own examples give it both as a boolean and as the string "true"
        return primary.asBoolean(false) || "true".equalsIgnoreCase(primary.asString(""));
    }

    private CdpProfile profile(String userId, JsonNode entity, JsonNode lastModifiedAt) {
        String name = text(at(entity, traits.name()));
        if (name == null) {
            String first = text(at(entity, traits.firstName()));
            String last = text(at(entity, traits.lastName()));
            name = first == null ? last : last == null ? first : first + " " + last;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        traits.attributes().forEach((attribute, path) -> {
            String value = text(at(entity, path));
            if (value != null) {
                attributes.put(attribute, value);
            }
        });
        JsonNode sentiment = at(entity, traits.sentimentScore());
        return new CdpProfile(
                userId,
                name,
                text(at(entity, traits.email())),
                text(at(entity, traits.phone())),
                text(at(entity, traits.tier())),
                decimal(at(entity, traits.lifetimeValue())),
                text(at(entity, traits.preferredChannel())),
                sentiment.isNumber() ? Double.valueOf(sentiment.asDouble()) : decimalAsDouble(sentiment),
                List.of(),
                List.of(),
                null,
                attributes,
                instant(text(lastModifiedAt)));
    }

    private static CdpProfile bare(String userId) {
        return new CdpProfile(userId, null, null, null, null, null, null, null, List.of(), List.of(), null, Map.of(),
                null);
    }

    /** A configured path with {@code _tenant.} resolved; empty when it needs a tenant id that is not set. */
    private Optional<String> resolve(String path) {
        String trimmed = path.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        if (trimmed.equals("_tenant") || trimmed.startsWith("_tenant.")) {
            return tenantField == null ? Optional.empty() : Optional.of(tenantField + trimmed.substring("_tenant".length()));
        }
        return Optional.of(trimmed);
    }

    private JsonNode at(JsonNode entity, String path) {
        Optional<String> resolved = resolve(path);
        if (resolved.isEmpty()) {
            return MissingNode.getInstance();
        }
        JsonNode node = entity;
        for (String part : resolved.get().split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static @Nullable String text(JsonNode node) {
        if (node.isValueNode() && !node.isNull()) {
            String text = node.asString();
            return text.isBlank() ? null : text;
        }
        return null;
    }

    private static @Nullable BigDecimal decimal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        String text = text(node);
        try {
            return text == null ? null : new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable Double decimalAsDouble(JsonNode node) {
        BigDecimal value = decimal(node);
        return value == null ? null : value.doubleValue();
    }

    private static @Nullable Instant instant(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

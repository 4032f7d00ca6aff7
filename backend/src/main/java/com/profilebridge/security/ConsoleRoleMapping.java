package com.profilebridge.security;

import com.profilebridge.console.ConsoleRoles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Console roles from the groups the identity provider says a user belongs to. {@code ADMIN} always
 * brings {@code SUPERVISOR} (see {@link ConsoleRoles}); a user in no mapped group gets no role at
 * all: signed in, but refused by every console view and endpoint. Group names are compared exactly.
 */
final class ConsoleRoleMapping {

    private final String claim;
    private final Set<String> supervisorGroups;
    private final Set<String> adminGroups;

    ConsoleRoleMapping(String claim, Collection<String> supervisorGroups, Collection<String> adminGroups) {
        if (claim.isBlank()) {
            throw new IllegalStateException("bridge.console.oidc.roles-claim must name the claim that carries the "
                    + "user's groups (groups, roles, realm_access.roles, ...)");
        }
        this.claim = claim.strip();
        this.supervisorGroups = names(supervisorGroups);
        this.adminGroups = names(adminGroups);
    }

    static ConsoleRoleMapping of(ConsoleOidcProperties properties) {
        return new ConsoleRoleMapping(properties.rolesClaim(), properties.roleMapping().supervisor(),
                properties.roleMapping().admin());
    }

    /** True when no group maps to any role: nobody who signs in could use the console. */
    boolean empty() {
        return supervisorGroups.isEmpty() && adminGroups.isEmpty();
    }

    /** The console roles ({@code SUPERVISOR}, {@code ADMIN}) of a user with these claims. */
    Set<String> roles(Map<String, Object> claims) {
        List<String> groups = groups(claims);
        Set<String> roles = new TreeSet<>();
        if (groups.stream().anyMatch(adminGroups::contains)) {
            roles.add(ConsoleRoles.ADMIN);
            roles.add(ConsoleRoles.SUPERVISOR);
        }
        if (groups.stream().anyMatch(supervisorGroups::contains)) {
            roles.add(ConsoleRoles.SUPERVISOR);
        }
        return roles;
    }

    /** The groups in the configured claim: a JSON list, or one string of space-separated names. */
    List<String> groups(Map<String, Object> claims) {
        Object value = claims.containsKey(claim) ? claims.get(claim) : nested(claims);
        List<String> groups = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.stream().filter(item -> item != null).map(item -> item.toString().strip()).forEach(groups::add);
        } else if (value instanceof String text) {
            groups.addAll(List.of(text.strip().split("\\s+")));
        }
        groups.removeIf(String::isEmpty);
        return groups;
    }

    /**
     * {@code realm_access.roles}: Keycloak's realm roles sit in an object. Tried only when no claim has
     * the whole name, since some providers name claims with dots ({@code https://example.com/groups}).
     */
    private @Nullable Object nested(Map<String, Object> claims) {
        Object value = claims;
        for (String step : claim.split("\\.")) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(step);
        }
        return value;
    }

    private static Set<String> names(Collection<String> groups) {
        return groups.stream().map(String::strip).filter(g -> !g.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}

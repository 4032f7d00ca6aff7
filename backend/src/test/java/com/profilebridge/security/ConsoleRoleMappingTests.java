package com.profilebridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The groups an identity provider sends, turned into console roles. */
class ConsoleRoleMappingTests {

    final ConsoleRoleMapping mapping = new ConsoleRoleMapping("groups", List.of("pb-supervisors", "Support Leads"),
            List.of("pb-admins"));

    @Test
    void aSupervisorGroupInAListClaimGivesSupervisorOnly() {
        assertThat(mapping.roles(Map.of("groups", List.of("everyone", "pb-supervisors")))).containsExactly("SUPERVISOR");
    }

    @Test
    void anAdminGroupAlwaysBringsSupervisorToo() {
        assertThat(mapping.roles(Map.of("groups", List.of("pb-admins")))).containsExactlyInAnyOrder("ADMIN", "SUPERVISOR");
        assertThat(mapping.roles(Map.of("groups", List.of("pb-admins", "pb-supervisors"))))
                .containsExactlyInAnyOrder("ADMIN", "SUPERVISOR");
    }

    @Test
    void readsASpaceSeparatedStringClaim() {
        assertThat(mapping.roles(Map.of("groups", "  everyone   pb-admins "))).containsExactlyInAnyOrder("ADMIN", "SUPERVISOR");
        assertThat(mapping.roles(Map.of("groups", "pb-supervisors"))).containsExactly("SUPERVISOR");
    }

    @Test
    void unknownGroupsAMissingClaimOrAnotherShapeGiveNoRole() {
        assertThat(mapping.roles(Map.of("groups", List.of("everyone", "pb-admins-old", "PB-ADMINS")))).isEmpty();
        assertThat(mapping.roles(Map.of("roles", List.of("pb-admins")))).as("another claim").isEmpty();
        assertThat(mapping.roles(Map.of())).isEmpty();
        assertThat(mapping.roles(Map.of("groups", 42))).isEmpty();
        assertThat(mapping.roles(Map.of("groups", ""))).isEmpty();
    }

    @Test
    void aGroupNameWithSpacesMatchesAsAListItem() {
        assertThat(mapping.roles(Map.of("groups", List.of("Support Leads")))).containsExactly("SUPERVISOR");
    }

    @Test
    void aDottedClaimReachesIntoKeycloaksRealmRolesUnlessAClaimHasThatName() {
        ConsoleRoleMapping keycloak = new ConsoleRoleMapping("realm_access.roles", List.of("pb-supervisors"), List.of());
        assertThat(keycloak.roles(Map.of("realm_access", Map.of("roles", List.of("offline_access", "pb-supervisors")))))
                .containsExactly("SUPERVISOR");
        assertThat(keycloak.roles(Map.of("realm_access", List.of("pb-supervisors")))).isEmpty();

        // Auth0 names its custom claims by URL, dots included: the whole name is tried first
        ConsoleRoleMapping auth0 = new ConsoleRoleMapping("https://bridge.example.com/groups", List.of(), List.of("pb-admins"));
        assertThat(auth0.roles(Map.of("https://bridge.example.com/groups", List.of("pb-admins"))))
                .containsExactlyInAnyOrder("ADMIN", "SUPERVISOR");
    }

    @Test
    void saysWhenNoGroupIsMappedAndRefusesABlankClaimName() {
        assertThat(new ConsoleRoleMapping("groups", List.of(" "), List.of()).empty()).isTrue();
        assertThat(mapping.empty()).isFalse();
        assertThatThrownBy(() -> new ConsoleRoleMapping(" ", List.of("a"), List.of()))
                .hasMessageContaining("roles-claim");
    }
}

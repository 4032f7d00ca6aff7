package com.profilebridge.identity;

import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which organisation an authenticated caller belongs to ({@code bridge.identity.organisations}):
 * links and outcome interactions are kept per organisation. A caller not listed is its own.
 */
@Component
public class CallerOrganisations {

    private final Map<String, String> organisations;

    public CallerOrganisations(IdentityProperties properties) {
        this.organisations = properties.organisations();
    }

    public String of(String caller) {
        String organisation = organisations.get(caller);
        return organisation == null || organisation.isBlank() ? caller : organisation.strip();
    }
}

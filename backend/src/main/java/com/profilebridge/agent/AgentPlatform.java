package com.profilebridge.agent;

import java.util.Locale;
import java.util.Optional;

/** The contact-center platform an agent token comes from. */
public enum AgentPlatform {
    GENESYS("Genesys Cloud"),
    CXONE("NICE CXone");

    private final String displayName;

    AgentPlatform(String displayName) {
        this.displayName = displayName;
    }

    /** The product name agents know ({@code Genesys Cloud}, {@code NICE CXone}), for messages to them. */
    public String displayName() {
        return displayName;
    }

    /** {@code genesys} / {@code cxone} in any case; empty for anything else. */
    public static Optional<AgentPlatform> parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "genesys", "genesys-cloud", "purecloud" -> Optional.of(GENESYS);
            case "cxone", "nice", "nice-cxone" -> Optional.of(CXONE);
            default -> Optional.empty();
        };
    }
}

package com.profilebridge.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity resolution settings ({@code bridge.identity.*}).
 *
 * @param defaultRegion ISO region used to read national-format phone numbers ({@code 555-100-0042})
 * @param verifiedThreshold scores at or above this are {@code VERIFIED}; below, {@code NEEDS_VERIFICATION}
 * @param userIdPattern what a CDP user id looks like, to tell it from other identifiers
 * @param scores the confidence of each kind of match
 */
@ConfigurationProperties("bridge.identity")
public record IdentityProperties(
        @DefaultValue("US") String defaultRegion,
        @DefaultValue("0.9") double verifiedThreshold,
        @DefaultValue("^[A-Za-z][A-Za-z0-9_:.\\-]{2,127}$") String userIdPattern,
        @DefaultValue Scores scores) {

    /** Confidence per match kind; a shared identifier divides its score by the number of profiles. */
    public record Scores(
            @DefaultValue("1.0") double userId,
            @DefaultValue("0.97") double emailAndPhone,
            @DefaultValue("0.85") double email,
            @DefaultValue("0.7") double phone,
            @DefaultValue("0.5") double conflict) {}
}

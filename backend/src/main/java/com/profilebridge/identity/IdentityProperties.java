package com.profilebridge.identity;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity resolution settings ({@code bridge.identity.*}).
 *
 * @param defaultRegion ISO region used to read national-format phone numbers ({@code 555-100-0042})
 * @param verifiedThreshold scores at or above this are {@code VERIFIED}; below, {@code NEEDS_VERIFICATION}
 * @param userIdPattern what a CDP user id looks like, to tell it from other identifiers
 * @param scores the confidence of each kind of match
 * @param verifyingCallers the integrations (caller names) whose {@code verifiedBy} is believed: an IVR
 *     that has checked the caller's PIN or security answers itself. Nobody by default: a claim from
 *     any other caller is ignored and named in {@code ignored_fields}
 * @param organisations caller name -> organisation. Interaction links and outcome interactions are
 *     kept per organisation, so callers of one organisation (the IVR's and the event stream's
 *     credentials) share them and no other caller can read or overwrite them. A caller not listed
 *     is an organisation of its own
 */
@ConfigurationProperties("bridge.identity")
public record IdentityProperties(
        @DefaultValue("US") String defaultRegion,
        @DefaultValue("0.9") double verifiedThreshold,
        @DefaultValue("^[A-Za-z][A-Za-z0-9_:.\\-]{2,127}$") String userIdPattern,
        @DefaultValue Scores scores,
        @DefaultValue List<String> verifyingCallers,
        @DefaultValue Map<String, String> organisations) {

    public IdentityProperties {
        verifyingCallers = List.copyOf(verifyingCallers);
        organisations = Map.copyOf(organisations);
        // A user id is a claim until the IVR says it verified the caller: its score must stay below
        // the threshold, or configuration would turn a typed-in id back into a VERIFIED match.
        if (scores.userIdUnverified() >= verifiedThreshold) {
            throw new IllegalArgumentException("bridge.identity.scores.user-id-unverified (" + scores.userIdUnverified()
                    + ") must be below bridge.identity.verified-threshold (" + verifiedThreshold + ")");
        }
    }

    /**
     * Confidence per match kind; a shared identifier divides its score by the number of profiles.
     *
     * @param userId a CDP user id the IVR verified (PIN, knowledge questions: {@code verifiedBy})
     * @param userIdUnverified a CDP user id the caller typed in, nothing else disagreeing
     */
    public record Scores(
            @DefaultValue("1.0") double userId,
            @DefaultValue("0.8") double userIdUnverified,
            @DefaultValue("0.97") double emailAndPhone,
            @DefaultValue("0.85") double email,
            @DefaultValue("0.7") double phone,
            @DefaultValue("0.5") double conflict) {}
}

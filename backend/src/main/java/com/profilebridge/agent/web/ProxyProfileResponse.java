package com.profilebridge.agent.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.profilebridge.profileview.ProfileView;
import com.profilebridge.profileview.ShownProfile;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's answer: one masked profile and where its data came from. Built only from a shown
 * outcome of the use case, so unmasked or unaudited data cannot reach it.
 *
 * @param problem why the CDP was not asked successfully and cached data is shown ({@code cdp_timeout},
 *     {@code cdp_unavailable}, {@code circuit_open}); absent when it answered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ProxyProfileResponse")
record ProxyProfileResponse(
        @JsonProperty("cdp_user_id") String cdpUserId,
        @JsonProperty("interaction_id") @Nullable String interactionId,
        @JsonProperty("profile_source") @Schema(allowableValues = {"FRESH", "CACHED", "STALE"}) String profileSource,
        @JsonProperty("profile_age_seconds") long profileAgeSeconds,
        @Nullable String problem,
        @JsonProperty("correlation_id") String correlationId,
        ShownProfile profile) {

    static ProxyProfileResponse of(ProfileView.Displayed shown, @Nullable String problem,
            @Nullable String interactionId, String correlationId) {
        ShownProfile profile = ShownProfile.of(shown).getFirst();
        return new ProxyProfileResponse(profile.cdpUserId(), interactionId, shown.source().name(),
                shown.age().toSeconds(), problem, correlationId, profile);
    }
}

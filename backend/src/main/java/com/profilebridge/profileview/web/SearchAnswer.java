package com.profilebridge.profileview.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.profilebridge.profileview.ProfileView;
import com.profilebridge.profileview.ShownProfile;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The console search's answer: the profiles shown (masked for supervisors), the identity decision and
 * where the data came from.
 *
 * @param problem why cached data is shown: the CDP could not answer ({@code cdp_timeout},
 *     {@code cdp_unavailable}, {@code circuit_open}); absent when it answered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ConsoleSearchAnswer")
record SearchAnswer(
        @JsonProperty("profile_source") String profileSource,
        @JsonProperty("profile_age_seconds") long profileAgeSeconds,
        @Nullable String problem,
        Identity identity,
        List<ShownProfile> profiles,
        @JsonProperty("correlation_id") String correlationId) {

    static SearchAnswer of(ProfileView.Displayed shown, @Nullable String problem, String correlationId) {
        ProfileView.Identity i = shown.identity();
        return new SearchAnswer(shown.source().name(), shown.age().toSeconds(), problem,
                new Identity(i.verified(), i.confidence(), i.matchType().name(), i.candidates(), i.threshold(),
                        i.matches().stream().map(m -> new Match(m.kind().name(), m.identifier(), m.userIds())).toList()),
                ShownProfile.of(shown), correlationId);
    }

    /** The resolve path's decision on the identifier. */
    @Schema(name = "ConsoleSearchIdentity")
    record Identity(boolean verified, double confidence, @JsonProperty("match_type") String matchType,
            int candidates, @JsonProperty("verified_threshold") double verifiedThreshold, List<Match> matches) {}

    /** One identifier (masked) and the profiles it matched. */
    @Schema(name = "ConsoleSearchMatch")
    record Match(String kind, String identifier, @JsonProperty("cdp_user_ids") List<String> cdpUserIds) {}
}

package com.profilebridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfidenceScorerTests {

    final ConfidenceScorer scorer = new ConfidenceScorer(new IdentityProperties(
            "US", 0.9, "^.+$", new IdentityProperties.Scores(1.0, 0.97, 0.85, 0.7, 0.5)));

    @Test
    void aKnownCdpUserIdIsDeterministicAndVerified() {
        IdentityDecision d = scorer.score("usr_1", List.of(), List.of("usr_2"));
        assertThat(d).isEqualTo(new IdentityDecision("usr_1", MatchType.CDP_USER_ID, 1.0, IdentityStatus.VERIFIED, 1));
    }

    @Test
    void emailAndPhoneAgreeingOnOneProfileAreDeterministic() {
        IdentityDecision d = scorer.score(null, List.of("usr_7"), List.of("usr_6", "usr_7", "usr_8"));
        assertThat(d.userId()).isEqualTo("usr_7");
        assertThat(d.matchType()).isEqualTo(MatchType.EMAIL_AND_PHONE);
        assertThat(d.status()).isEqualTo(IdentityStatus.VERIFIED);
    }

    @Test
    void aPhoneAloneNeedsVerification() {
        IdentityDecision d = scorer.score(null, List.of(), List.of("usr_1"));
        assertThat(d.confidence()).isEqualTo(0.7);
        assertThat(d.status()).isEqualTo(IdentityStatus.NEEDS_VERIFICATION);
    }

    @Test
    void aHouseholdPhoneScoresLowerTheMoreProfilesShareIt() {
        IdentityDecision two = scorer.score(null, List.of(), List.of("a", "b"));
        IdentityDecision three = scorer.score(null, List.of(), List.of("a", "b", "c"));
        assertThat(two.matchType()).isEqualTo(MatchType.PHONE_SHARED);
        assertThat(two.confidence()).isEqualTo(0.35);
        assertThat(three.confidence()).isEqualTo(0.23);
        assertThat(three.candidateCount()).isEqualTo(3);
    }

    @Test
    void emailAndPhoneOnDifferentProfilesIsAConflict() {
        IdentityDecision d = scorer.score(null, List.of("usr_1"), List.of("usr_2"));
        assertThat(d.matchType()).isEqualTo(MatchType.CONFLICT);
        assertThat(d.status()).isEqualTo(IdentityStatus.NEEDS_VERIFICATION);
        assertThat(d.candidateCount()).isEqualTo(2);
    }

    @Test
    void nothingMatchedIsAGuest() {
        assertThat(scorer.score(null, List.of(), List.of()).status()).isEqualTo(IdentityStatus.GUEST);
    }

    @Test
    void theThresholdIsConfigurable() {
        ConfidenceScorer lenient = new ConfidenceScorer(new IdentityProperties(
                "US", 0.6, "^.+$", new IdentityProperties.Scores(1.0, 0.97, 0.85, 0.7, 0.5)));
        assertThat(lenient.score(null, List.of(), List.of("usr_1")).status()).isEqualTo(IdentityStatus.VERIFIED);
    }
}

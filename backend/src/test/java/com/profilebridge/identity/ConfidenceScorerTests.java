package com.profilebridge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfidenceScorerTests {

    static final IdentityProperties.Scores SCORES = new IdentityProperties.Scores(1.0, 0.8, 0.97, 0.85, 0.7, 0.5);
    final ConfidenceScorer scorer = new ConfidenceScorer(properties(0.9, SCORES));

    static IdentityProperties properties(double threshold, IdentityProperties.Scores scores) {
        return new IdentityProperties("US", threshold, "^.+$", scores, List.of(), Map.of());
    }

    @Test
    void aKnownCdpUserIdTheIvrVerifiedIsDeterministicAndVerified() {
        IdentityDecision d = scorer.score("usr_1", true, List.of(), List.of());
        assertThat(d).isEqualTo(
                new IdentityDecision("usr_1", MatchType.CDP_USER_ID_VERIFIED, 1.0, IdentityStatus.VERIFIED, 1));
    }

    @Test
    void aVerifiedUserIdStaysVerifiedWhenTheCallerRingsFromAnotherPhone() {
        IdentityDecision d = scorer.score("usr_1", true, List.of(), List.of("usr_2"));
        assertThat(d.status()).isEqualTo(IdentityStatus.VERIFIED);
        assertThat(d.userId()).isEqualTo("usr_1");
    }

    @Test
    void aUserIdAloneIsAClaimThatNeedsVerification() {
        IdentityDecision d = scorer.score("usr_1", false, List.of(), List.of());
        assertThat(d).isEqualTo(new IdentityDecision("usr_1", MatchType.CDP_USER_ID, 0.8, IdentityStatus.NEEDS_VERIFICATION, 1));
        assertThat(scorer.score("usr_1", List.of(), List.of()).status()).as("the short form: unverified")
                .isEqualTo(IdentityStatus.NEEDS_VERIFICATION);
    }

    @Test
    void aUserIdWhosePhoneOrEmailPointsAtSomeoneElseIsAConflict() {
        IdentityDecision byPhone = scorer.score("usr_00042", false, List.of(), List.of("usr_00077"));
        assertThat(byPhone.matchType()).isEqualTo(MatchType.CONFLICT);
        assertThat(byPhone.status()).isEqualTo(IdentityStatus.NEEDS_VERIFICATION);
        assertThat(byPhone.confidence()).isEqualTo(0.5);
        assertThat(byPhone.candidateCount()).isEqualTo(2);
        assertThat(scorer.score("usr_1", false, List.of("usr_2"), List.of("usr_1")).matchType())
                .isEqualTo(MatchType.CONFLICT);
    }

    @Test
    void aUserIdThatItsPhoneAndEmailAgreeWithIsDeterministic() {
        IdentityDecision d = scorer.score("usr_1", false, List.of("usr_1"), List.of("usr_1"));
        assertThat(d.matchType()).isEqualTo(MatchType.EMAIL_AND_PHONE);
        assertThat(d.status()).isEqualTo(IdentityStatus.VERIFIED);
    }

    @Test
    void aUserIdPickingOneMemberOfAHouseholdStillNeedsVerification() {
        IdentityDecision d = scorer.score("usr_2", false, List.of(), List.of("usr_1", "usr_2", "usr_3"));
        assertThat(d.matchType()).isEqualTo(MatchType.CDP_USER_ID);
        assertThat(d.status()).isEqualTo(IdentityStatus.NEEDS_VERIFICATION);
    }

    @Test
    void refusesAnUnverifiedUserIdScoreAtOrAboveTheThreshold() {
        assertThatThrownBy(() -> properties(0.9, new IdentityProperties.Scores(1.0, 0.9, 0.97, 0.85, 0.7, 0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user-id-unverified");
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
        ConfidenceScorer lenient = new ConfidenceScorer(properties(0.6,
                new IdentityProperties.Scores(1.0, 0.5, 0.97, 0.85, 0.7, 0.5)));
        assertThat(lenient.score(null, List.of(), List.of("usr_1")).status()).isEqualTo(IdentityStatus.VERIFIED);
        assertThat(lenient.score(null, List.of(), List.of("usr_1", "usr_2")).status())
                .as("a shared phone is never verified").isEqualTo(IdentityStatus.NEEDS_VERIFICATION);
    }

    @Test
    void aThresholdScoreIsVerified() {
        ConfidenceScorer atEmail = new ConfidenceScorer(properties(0.85, SCORES));
        assertThat(atEmail.score(null, List.of("usr_1"), List.of()))
                .isEqualTo(new IdentityDecision("usr_1", MatchType.EMAIL, 0.85, IdentityStatus.VERIFIED, 1));
        ConfidenceScorer justAbove = new ConfidenceScorer(properties(0.86, SCORES));
        assertThat(justAbove.score(null, List.of("usr_1"), List.of()).status())
                .isEqualTo(IdentityStatus.NEEDS_VERIFICATION);
    }

    @Test
    void anEmailAloneScoresTheEmailScore() {
        assertThat(scorer.score(null, List.of("usr_1"), List.of()))
                .isEqualTo(new IdentityDecision("usr_1", MatchType.EMAIL, 0.85, IdentityStatus.NEEDS_VERIFICATION, 1));
    }

    @Test
    void aSharedEmailScoresLowerTheMoreProfilesShareItAndIsNeverVerified() {
        IdentityDecision d = scorer.score(null, List.of("usr_1", "usr_2"), List.of());
        assertThat(d).isEqualTo(
                new IdentityDecision("usr_1", MatchType.EMAIL_SHARED, 0.43, IdentityStatus.NEEDS_VERIFICATION, 2));
        ConfidenceScorer lenient = new ConfidenceScorer(properties(0.4, new IdentityProperties.Scores(1.0, 0.3, 0.97,
                0.85, 0.7, 0.5)));
        assertThat(lenient.score(null, List.of("usr_1", "usr_2"), List.of()).status())
                .as("above the threshold, still two candidates").isEqualTo(IdentityStatus.NEEDS_VERIFICATION);
    }

    @Test
    void aConflictCountsEachCandidateOnce() {
        IdentityDecision d = scorer.score("usr_1", false, List.of("usr_2"), List.of("usr_1", "usr_2"));
        assertThat(d.matchType()).isEqualTo(MatchType.CONFLICT);
        assertThat(d.candidateCount()).as("usr_1 and usr_2, each named twice").isEqualTo(2);
    }
}

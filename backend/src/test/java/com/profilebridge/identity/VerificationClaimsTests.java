package com.profilebridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerificationClaimsTests {

    final VerificationClaims claims = new VerificationClaims(new IdentityProperties("US", 0.9, "^.+$",
            ConfidenceScorerTests.SCORES, List.of("genesys-ivr"), Map.of()));

    @ParameterizedTest
    @ValueSource(strings = {"pin", "PIN", " knowledge ", "otp", "biometric"})
    void anAuthorisedIvrSayingHowItVerifiedTheCallerIsBelieved(String method) {
        VerificationClaims.Claim claim = claims.read(method, "genesys-ivr");
        assertThat(claim.verified()).isTrue();
        assertThat(claim.method()).isEqualTo(method.strip().toLowerCase());
    }

    @Test
    void aClaimFromAnyOtherCallerIsIgnoredWithAReason() {
        VerificationClaims.Claim claim = claims.read("pin", "cxone-ivr");
        assertThat(claim.verified()).isFalse();
        assertThat(claim.ignoredBecause()).isEqualTo("this caller may not assert verification");
    }

    @Test
    void anUnknownMethodIsIgnoredWithAReason() {
        VerificationClaims.Claim claim = claims.read("true", "genesys-ivr");
        assertThat(claim.verified()).isFalse();
        assertThat(claim.ignoredBecause()).contains("pin, knowledge");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "null", "undefined", "none", "false"})
    void anAbsentStatementIsNoClaimAndNothingToReport(String value) {
        VerificationClaims.Claim claim = claims.read(value, "cxone-ivr");
        assertThat(claim.verified()).isFalse();
        assertThat(claim.ignoredBecause()).isNull();
    }
}

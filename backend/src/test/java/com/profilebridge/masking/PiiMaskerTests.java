package com.profilebridge.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.profilebridge.cdp.CdpProfile;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiMaskerTests {

    final PiiMasker masker = new PiiMasker();

    @Test
    void masksSsnAndCardFieldsKeepingTheLastFour() {
        CdpProfile masked = masker.mask(profile(Map.of("ssn", "123-45-6789", "credit_card_number", "4111111111111111",
                "date_of_birth", "1985-07-14", "cvv", "123"), null)).profile();
        assertThat(masked.attributes()).containsEntry("ssn", "***-**-6789")
                .containsEntry("credit_card_number", "**** 1111")
                .containsEntry("date_of_birth", "1985-**-**")
                .doesNotContainKey("cvv");
    }

    @Test
    void keepsTheUserIdThatCachesAndAnswersKeyTheMaskedProfileBy() {
        MaskedProfile masked = masker.mask(profile(Map.of(), null));
        assertThat(masked.userId()).isEqualTo("usr_1");
        assertThat(MaskedProfile.alreadyMasked(masked.profile()).userId()).isEqualTo("usr_1");
    }

    @Test
    void matchesFieldNamesWhateverTheirCaseOrStyle() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ANI", "+15551000042");
        attributes.put("callerNumber", "(555) 100-0042");
        attributes.put("dateOfBirth", "07/14/1985");
        attributes.put("birthday", "1985-07-14");
        attributes.put("Credit-Card-Number", "5555 5555 5555 4444");
        attributes.put("SSN", "123.45.6789");
        attributes.put("CVC", "999");
        attributes.put("Email Address", "Ada@Example.com");
        attributes.put("IBAN", "DE89 3704 0044 0532 0130 00");
        CdpProfile masked = masker.mask(profile(attributes, null)).profile();
        assertThat(masked.attributes()).containsEntry("ANI", "+1******0042")
                .containsEntry("callerNumber", "******0042")
                .containsEntry("dateOfBirth", "1985-**-**")
                .containsEntry("birthday", "1985-**-**")
                .containsEntry("Credit-Card-Number", "**** 4444")
                .containsEntry("SSN", "***-**-6789")
                .containsEntry("Email Address", "a***@example.com")
                .containsEntry("IBAN", "**** 3000")
                .doesNotContainKey("CVC");
    }

    @Test
    void masksCardNumbersAndSsnsInsideFreeText() {
        String notes = "Read card 4111 1111 1111 1111 and 5500-0000-0000-0004; SSN 123-45-6789 or 123 45 6789.";
        String masked = masker.mask(profile(Map.of(), notes)).profile().notes();
        assertThat(masked).doesNotContain("4111 1111 1111 1111", "5500-0000-0000-0004", "123-45-6789", "123 45 6789")
                .contains("[card ****1111]", "[card ****0004]", "[ssn ***-**-6789]");
    }

    @Test
    void masksTheFormatsTheReviewFoundRaw() {
        assertThat(masker.maskText("card 4111 1111 1111 1111 123 thanks")).isEqualTo("card [card ****1111] thanks");
        assertThat(masker.maskText("card 4111.1111.1111.1111")).isEqualTo("card [card ****1111]");
        assertThat(masker.maskText("call me on +1 (555) 100-0042 or 555.100.0042"))
                .isEqualTo("call me on [phone ****0042] or [phone ****0042]");
        assertThat(masker.maskText("write to Ada.Lovelace+bills@Example.com please"))
                .isEqualTo("write to a***@example.com please");
        assertThat(masker.maskText("IBAN DE89 3704 0044 0532 0130 00, ok")).isEqualTo("IBAN [iban DE ****3000], ok");
        assertThat(masker.maskText("ssn 123.45.6789")).isEqualTo("ssn [ssn ***-**-6789]");
        assertThat(masker.maskText("DOB: 07/14/1985")).isEqualTo("DOB: [dob ****]");
    }

    @Test
    void leavesOrdinaryValuesAlone() {
        for (String ordinary : List.of("Order 1234567890123 shipped", "ORD-2026-000123", "order 100234567",
                "at 2026-11-29T10:15:00.123+01:00", "on 2026-12-01 10:15", "paid $1,234.56", "4111 1111 1111 1112",
                "conversation 9f1d1a7c-3b0e-4a8e-9d2c-5f2b7e1c0a11", "SSN-like 000-12-3456 and 666-12-3456",
                "epoch 1764584112", "usr_00042 called 3 times")) {
            assertThat(masker.maskText(ordinary)).isEqualTo(ordinary);
        }
    }

    @Test
    void maskingAMaskedProfileChangesNothing() {
        CdpProfile raw = new CdpProfile("usr_1", "Ada", "Ada@Example.com", "+15551000042", "GOLD", BigDecimal.TEN,
                "chat", 0.5, List.of(new CdpProfile.Order("ord-1", Instant.EPOCH, BigDecimal.ONE, "shipped")),
                List.of(new CdpProfile.Interaction(Instant.EPOCH, "voice", "Upsell",
                        "called from 555-100-0042 about card 4111111111111111", "conv-1")),
                "mail ada@example.com, IBAN GB29 NWBK 6016 1331 9268 19, DOB 1985-07-14",
                Map.of("ssn", "123-45-6789", "phone", "+44 20 7946 0958", "dob", "14.07.1985", "loyalty_id", "L-77"),
                Instant.EPOCH);
        CdpProfile once = masker.mask(raw).profile();
        assertThat(masker.mask(once).profile()).isEqualTo(once);
        assertThat(once.notes()).isEqualTo("mail a***@example.com, IBAN [iban GB ****6819], DOB [dob ****]");
        assertThat(once.recentInteractions().getFirst().summary())
                .isEqualTo("called from [phone ****0042] about card [card ****1111]");
    }

    @Test
    void masksOutcomeFieldsByNameAndTheirFreeText() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ani", "tel:+15551000042");
        payload.put("dateOfBirth", "1985-07-14");
        payload.put("cvv", 123);
        payload.put("card", 4111111111111111L);
        payload.put("duration", 184);
        payload.put("wrapup", Map.of("notes", List.of("customer e-mail ada@example.com", "ref 123.45.6789")));
        Map<String, Object> masked = masker.maskFields(payload);
        assertThat(masked).doesNotContainKey("cvv")
                .containsEntry("ani", "*******0042")
                .containsEntry("dateOfBirth", "1985-**-**")
                .containsEntry("card", "**** 1111")
                .containsEntry("duration", 184);
        assertThat(masked.get("wrapup")).isEqualTo(
                Map.of("notes", List.of("customer e-mail a***@example.com", "ref [ssn ***-**-6789]")));
    }

    @Test
    void configuredRulesAddToTheDefaults() {
        PiiMasker configured = new PiiMasker(new MaskingProperties("GB",
                Map.of("passport_number", FieldAction.MASK, "loyaltyId", FieldAction.HASH, "ssn", FieldAction.DROP),
                "test-key"));
        assertThat(configured.maskField("Passport-Number", "X1234567")).isEqualTo("****");
        assertThat(configured.maskField("SSN", "123-45-6789")).isNull();
        String hashed = configured.maskField("loyalty_id", "L-77");
        assertThat(hashed).startsWith("hash:").isEqualTo(configured.maskField("LOYALTY_ID", "L-77"));
        assertThat(configured.maskField("loyalty_id", hashed)).isEqualTo(hashed);
        assertThat(configured.maskText("ring 020 7946 0958")).isEqualTo("ring [phone ****0958]");
    }

    @Test
    void refusesTheHashActionWithoutAKey() {
        assertThatIllegalStateException().isThrownBy(
                () -> new PiiMasker(new MaskingProperties("US", Map.of("loyalty_id", FieldAction.HASH), null)))
                .withMessageContaining("bridge.masking.hash-key");
    }

    @Test
    void masksContactDetailsForDisplay() {
        CdpProfile masked = masker.mask(profile(Map.of(), null)).profile();
        assertThat(masked.email()).isEqualTo("a***@example.com");
        assertThat(masked.phone()).isEqualTo("+1******0042");
        assertThat(masker.maskPhone(masked.phone())).isEqualTo("+1******0042");
    }

    @Test
    void staysLinearOnHostileText() {
        // long runs of digits and separators, local-part characters without a domain, many '@':
        // a backtracking regex takes minutes here, a linear scan milliseconds
        String hostile = "1-".repeat(50_000) + "a.".repeat(50_000) + "@".repeat(10_000) + "x@y".repeat(10_000)
                + "DE89".repeat(10_000);
        String masked = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> masker.maskText(hostile));
        assertThat(masker.maskText(masked)).isEqualTo(masked);
    }

    private static CdpProfile profile(Map<String, String> attributes, String notes) {
        return new CdpProfile("usr_1", "Ada", "Ada@Example.com", "+15551000042", "GOLD", null, "chat", 0.5,
                List.of(), List.of(), notes, attributes, null);
    }
}

package com.profilebridge.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.profilebridge.cdp.CdpProfile;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each field action leaves of a value, and how a profile and a JSON tree go through them. */
class PiiMaskerFieldActionsTests {

    final PiiMasker masker = new PiiMasker();

    @Test
    void keepsTheLastFourOfAccountFieldsAndNothingOfShortOnes() {
        assertThat(masker.maskField("account_number", "AB12-3456")).isEqualTo("**** 3456");
        assertThat(masker.maskField("iban", "GB29 NWBK 6016 1331 9268 19")).isEqualTo("**** 6819");
        assertThat(masker.maskField("sort_code", "12-34-56")).isEqualTo("****");
        assertThat(masker.maskField("bank_account", "1234567")).isEqualTo("****");
        assertThat(masker.maskField("card_number", "**** 1111")).isEqualTo("**** 1111");
    }

    @Test
    void keepsTheLastFourDigitsOfAnSsnFieldWhenItHasThem() {
        assertThat(masker.maskField("social_security_number", "123 45 6789")).isEqualTo("***-**-6789");
        assertThat(masker.maskField("ssn", "6789")).isEqualTo("***-**-6789");
        assertThat(masker.maskField("ssn", "789")).isEqualTo("***-**-****");
        assertThat(masker.maskField("ssn", "***-**-6789")).isEqualTo("***-**-6789");
    }

    @Test
    void keepsOnlyTheYearOfABirthDate() {
        assertThat(masker.maskField("dob", "14 July 1985")).isEqualTo("1985-**-**");
        assertThat(masker.maskField("dob", "2001-02-03")).isEqualTo("2001-**-**");
        assertThat(masker.maskField("dob", "14.07.85")).isEqualTo("****");
        assertThat(masker.maskField("dob", "1985-**-**")).isEqualTo("1985-**-**");
    }

    @Test
    void masksPhoneFieldsToTheirLastFourDigitsKeepingTheCountryPrefix() {
        assertThat(masker.maskField("phone", "+44 20 7946 0958")).isEqualTo("+********0958");
        assertThat(masker.maskField("phone", "+1 555 100 0042")).isEqualTo("+1******0042");
        assertThat(masker.maskField("phone", "555 100 0042")).isEqualTo("******0042");
        assertThat(masker.maskPhone("+********0958")).isEqualTo("+********0958");
        assertThat(masker.maskPhone(null)).isNull();
        // a service number shorter than four digits has nothing to hide and must not break masking
        assertThat(masker.maskField("phone", "112")).isEqualTo("112");
    }

    @Test
    void masksEMailFieldsAndHidesWhatIsNoAddress() {
        assertThat(masker.maskField("email", "Ada@Example.COM")).isEqualTo("a***@example.com");
        assertThat(masker.maskField("email", "@example.com")).isEqualTo("***");
        assertThat(masker.maskField("email", "not given")).isEqualTo("***");
        assertThat(masker.maskEmail(null)).isNull();
        // what follows the '@' is shown, so it goes through the detectors first
        assertThat(masker.maskField("email", "ada@example.com (card 4111 1111 1111 1111)"))
                .isEqualTo("a***@example.com (card [card ****1111])");
        assertThat(masker.maskField("email", "ada@example.com, Bob@Example.org")).isEqualTo("a***@example.com, b***@example.org");
        assertThat(masker.maskEmail("a***@example.com, b***@example.org")).isEqualTo("a***@example.com, b***@example.org");
    }

    @Test
    void leavesFieldsWithoutARuleToTheFreeTextDetectors() {
        assertThat(masker.maskField("comment", "card 4111111111111111")).isEqualTo("card [card ****1111]");
        assertThat(masker.maskField("comment", "all good")).isEqualTo("all good");
    }

    @Test
    void hashesTheNormalisedValueWithTheConfiguredKey() {
        PiiMasker one = new PiiMasker(new MaskingProperties("US", Map.of("loyalty_id", FieldAction.HASH), "key-1"));
        PiiMasker other = new PiiMasker(new MaskingProperties("US", Map.of("loyalty_id", FieldAction.HASH), "key-2"));
        String hashed = one.maskField("loyalty_id", "L-77");
        assertThat(hashed).matches("hash:[A-Za-z0-9_-]{22}");
        assertThat(one.maskField("loyalty_id", " l-77 ")).isEqualTo(hashed);
        assertThat(one.maskField("loyalty_id", "L-78")).isNotEqualTo(hashed);
        assertThat(other.maskField("loyalty_id", "L-77")).isNotEqualTo(hashed);
    }

    @Test
    void refusesTheHashActionWithABlankKey() {
        assertThatIllegalStateException().isThrownBy(
                () -> new PiiMasker(new MaskingProperties("US", Map.of("loyalty_id", FieldAction.HASH), "  ")));
    }

    @Test
    void findsPhoneNumbersOfTheUsWhenNoRegionIsConfigured() {
        for (String region : Arrays.asList(null, "", "  ")) {
            PiiMasker defaulted = new PiiMasker(new MaskingProperties(region, Map.of(), null));
            assertThat(defaulted.maskText("call 555-100-0042")).as("region %s", region)
                    .isEqualTo("call [phone ****0042]");
        }
        PiiMasker lowerCase = new PiiMasker(new MaskingProperties("gb", Map.of(), null));
        assertThat(lowerCase.maskText("ring 020 7946 0958")).isEqualTo("ring [phone ****0958]");
    }

    @Test
    void masksEveryTextOfAProfileAndLeavesMissingOnesMissing() {
        CdpProfile raw = new CdpProfile("usr_1", "Ada ada@example.com", null, null, "tier 4111111111111111",
                BigDecimal.TEN, "ring 555-100-0042", 0.5,
                List.of(new CdpProfile.Order("4111111111111111", Instant.EPOCH, BigDecimal.ONE,
                        "refund to DE89 3704 0044 0532 0130 00")),
                List.of(new CdpProfile.Interaction(Instant.EPOCH, "voice 555-100-0042", "ssn 123-45-6789",
                        "mail ada@example.com", "card 5555555555554444")),
                null, Map.of("pin", "1234", "note", "ssn 123-45-6789"), Instant.EPOCH);
        CdpProfile masked = masker.mask(raw).profile();
        assertThat(masked.name()).isEqualTo("Ada a***@example.com");
        assertThat(masked.email()).isNull();
        assertThat(masked.phone()).isNull();
        assertThat(masked.notes()).isNull();
        assertThat(masked.tier()).isEqualTo("tier [card ****1111]");
        assertThat(masked.preferredChannel()).isEqualTo("ring [phone ****0042]");
        assertThat(masked.recentOrders().getFirst().id()).isEqualTo("[card ****1111]");
        assertThat(masked.recentOrders().getFirst().status()).isEqualTo("refund to [iban DE ****3000]");
        CdpProfile.Interaction interaction = masked.recentInteractions().getFirst();
        assertThat(interaction.channel()).isEqualTo("voice [phone ****0042]");
        assertThat(interaction.outcome()).isEqualTo("ssn [ssn ***-**-6789]");
        assertThat(interaction.summary()).isEqualTo("mail a***@example.com");
        assertThat(interaction.interactionId()).isEqualTo("card [card ****4444]");
        assertThat(masked.attributes()).isEqualTo(Map.of("note", "ssn [ssn ***-**-6789]"));
    }

    @Test
    void dropsSecretBranchesOfAJsonTreeAndMasksTheRest() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("password", Map.of("old", "hunter2"));
        payload.put("otp", List.of("123456"));
        payload.put("missing", null);
        payload.put("phone", Arrays.asList("555-100-0042", null, 5551000042L));
        payload.put("notes", List.of("call 555-100-0042", 42));
        payload.put("consent", true);
        payload.put("ssn", 123456789);
        payload.put("since", new StringBuilder("mail ada@example.com"));
        payload.put("nested", Map.of(7, "card 4111111111111111"));
        payload.put("at", Instant.EPOCH);
        Map<String, Object> masked = masker.maskFields(payload);
        assertThat(masked).containsOnlyKeys("phone", "notes", "at", "consent", "ssn", "since", "nested")
                .containsEntry("phone", List.of("******0042", "", "******0042"))
                .containsEntry("notes", List.of("call [phone ****0042]", 42))
                .containsEntry("consent", true)
                .containsEntry("ssn", "***-**-6789")
                .containsEntry("since", "mail a***@example.com")
                .containsEntry("nested", Map.of("7", "card [card ****1111]"))
                // a value of any other type is written as (masked) text, like the JSON it ends up in
                .containsEntry("at", "1970-01-01T00:00:00Z");
    }
}

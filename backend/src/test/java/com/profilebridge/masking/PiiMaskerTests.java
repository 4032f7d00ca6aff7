package com.profilebridge.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.cdp.CdpProfile;
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
    void masksCardNumbersAndSsnsInsideFreeText() {
        String notes = "Read card 4111 1111 1111 1111 and 5500-0000-0000-0004; SSN 123-45-6789 or 123 45 6789.";
        String masked = masker.mask(profile(Map.of(), notes)).profile().notes();
        assertThat(masked).doesNotContain("4111 1111 1111 1111", "5500-0000-0000-0004", "123-45-6789", "123 45 6789")
                .contains("[card ****1111]", "[card ****0004]", "[ssn ***-**-6789]");
    }

    @Test
    void leavesNumbersThatAreNotCardsAlone() {
        assertThat(masker.maskText("Order 1234567890123 shipped")).contains("1234567890123");
        assertThat(masker.maskText("Call +15551000042")).contains("+15551000042");
    }

    @Test
    void masksContactDetailsForDisplay() {
        CdpProfile masked = masker.mask(profile(Map.of(), null)).profile();
        assertThat(masked.email()).isEqualTo("a***@example.com");
        assertThat(masked.phone()).isEqualTo("+1******0042");
    }

    private static CdpProfile profile(Map<String, String> attributes, String notes) {
        return new CdpProfile("usr_1", "Ada", "Ada@Example.com", "+15551000042", "GOLD", null, "chat", 0.5,
                List.of(), List.of(), notes, attributes, null);
    }
}

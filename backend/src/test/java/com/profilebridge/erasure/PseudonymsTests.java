package com.profilebridge.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Pseudonyms are stored in the audit table: the same customer must keep the pseudonym already written. */
class PseudonymsTests {

    @Test
    void aCustomerKeepsThePseudonymAlreadyStored() {
        Pseudonyms pseudonyms = new Pseudonyms("a-pseudonym-key-of-enough-length".getBytes(StandardCharsets.UTF_8));

        assertThat(pseudonyms.of("u-42")).isEqualTo("erased:c6907b8551618c3ea460d0db8a95fe9d");
        assertThat(pseudonyms.of("u-42")).as("asked again").isEqualTo("erased:c6907b8551618c3ea460d0db8a95fe9d");
    }

    @Test
    void theKeyDerivedFromTheCacheSecretIsStable() {
        byte[] derived = Pseudonyms.derive("a-secret-of-enough-length", "profile-bridge erasure pseudonyms v1");

        assertThat(HexFormat.of().formatHex(derived))
                .isEqualTo("304cf11cbf8d50eac645de26a421f926458bd5c7635cd55d23cccd1c8d13804b");
        assertThat(new Pseudonyms(derived).of("u-42")).isEqualTo("erased:a98dba7f39663659f65c1268637a8030");
    }
}

package com.profilebridge.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hashed fields are cached and sent on: a value must keep the hash already stored downstream. */
class HashedFieldsTests {

    @Test
    void aHashedValueKeepsTheHashAlreadyStored() {
        PiiMasker masker = new PiiMasker(new MaskingProperties("US", Map.of("loyalty_id", FieldAction.HASH), "key-1"));

        assertThat(masker.maskField("loyalty_id", " L-77 ")).isEqualTo("hash:qiVGmsGhAylnlBDaUSh1Dc");
        assertThat(masker.maskField("loyalty_id", "hash:qiVGmsGhAylnlBDaUSh1Dc"))
                .as("idempotent").isEqualTo("hash:qiVGmsGhAylnlBDaUSh1Dc");
    }
}

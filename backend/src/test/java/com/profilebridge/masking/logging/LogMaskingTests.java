package com.profilebridge.masking.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.masking.FieldAction;
import com.profilebridge.masking.MaskingProperties;
import com.profilebridge.masking.PiiMasker;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The masker every log line goes through. */
class LogMaskingTests {

    @AfterEach
    void restoreTheBuiltInMasker() {
        LogMasking.use(new PiiMasker());
    }

    @Test
    void masksTheLineWithTheBuiltInPolicyBeforeSpringStarts() {
        assertThat(LogMasking.mask("caller ada@example.com paid with 4111 1111 1111 1111"))
                .isEqualTo("caller a***@example.com paid with [card ****1111]");
    }

    @Test
    void passesEmptyAndMissingLinesThrough() {
        assertThat(LogMasking.mask(null)).isNull();
        assertThat(LogMasking.mask("")).isEmpty();
    }

    @Test
    void usesTheConfiguredMaskerOnceItIsSet() {
        // 020 7946 0958 is a phone number only for a masker whose default region is GB
        assertThat(LogMasking.mask("ring 020 7946 0958")).isEqualTo("ring 020 7946 0958");
        LogMasking.use(new PiiMasker(new MaskingProperties("GB", Map.of("pin", FieldAction.DROP), null)));
        assertThat(LogMasking.mask("ring 020 7946 0958")).isEqualTo("ring [phone ****0958]");
    }

    @Test
    void withholdsTheLineWhenMaskingFails() {
        LogMasking.use(new PiiMasker() {
            @Override
            public String maskText(String text) {
                throw new IllegalStateException("broken detector");
            }
        });
        assertThat(LogMasking.mask("ssn 123-45-6789")).isEqualTo("[log line withheld: masking failed]");
        // an empty line has nothing to hide: it is not turned into a notice
        assertThat(LogMasking.mask("")).isEmpty();
    }
}

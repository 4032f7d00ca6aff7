package com.profilebridge.masking.logging;

import com.profilebridge.masking.PiiMasker;
import org.jspecify.annotations.Nullable;

/**
 * The masker log lines go through. Logback creates its converters before Spring starts, so they
 * find it here: the built-in policy first, the configured one once the masking bean exists.
 */
public final class LogMasking {

    private static volatile PiiMasker masker = new PiiMasker();

    private LogMasking() {}

    /** Log lines written from now on are masked by this masker. */
    public static void use(PiiMasker configured) {
        masker = configured;
    }

    static @Nullable String mask(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        try {
            return masker.maskText(text);
        } catch (RuntimeException e) {
            // a masking fault must not let the raw line through, nor break logging
            return "[log line withheld: masking failed]";
        }
    }
}

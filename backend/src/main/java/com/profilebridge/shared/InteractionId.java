package com.profilebridge.shared;

import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The id of one contact-center interaction: a Genesys conversation id (a UUID), a CXone contact id
 * (digits) or a work item id. Checked once, here, with one rule for every entry point (resolve,
 * outcomes, widget, proxy): 1-128 characters of letters, digits and {@code . _ : -}, so an id that
 * resolve stores is always one the widget, the proxy and the outcome pipeline accept.
 */
public record InteractionId(String value) {

    /** The longest id accepted: longer than any platform's ids, short enough for an index and a log line. */
    public static final int MAX_LENGTH = 128;
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    public InteractionId {
        if (!isValid(value)) {
            throw new Invalid();
        }
    }

    /** The id, or empty when the value is absent or breaks the rule. */
    public static Optional<InteractionId> parse(@Nullable String value) {
        return isValid(value) ? Optional.of(new InteractionId(value)) : Optional.empty();
    }

    public static boolean isValid(@Nullable String value) {
        return value != null && RULE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }

    /** A value that is not an interaction id; its message never repeats the value. */
    public static final class Invalid extends IllegalArgumentException {

        public Invalid() {
            super("An interaction id is 1-" + MAX_LENGTH + " characters of letters, digits and . _ : -");
        }
    }
}

package com.profilebridge.profileview;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the host desktop says about the caller of an interaction: the number they call from (the
 * ANI), a withheld number, or nothing (a chat, a host that does not pass it). Never printed raw.
 *
 * @param number the ANI as the host gave it; blank when the host said the number is withheld
 */
public record CallerLine(@Nullable String number) {

    /** The host said nothing about the caller. */
    public static final CallerLine UNKNOWN = new CallerLine(null);

    private static final Set<String> WITHHELD = Set.of("", "anonymous", "withheld", "private",
            "restricted", "unavailable", "unknown", "blocked", "null", "undefined");

    /** The host passed a caller line but no usable number in it. */
    public boolean withheld() {
        return number != null && WITHHELD.contains(number.strip().toLowerCase(Locale.ROOT));
    }

    /** A number to search by, if there is one. */
    public @Nullable String searchable() {
        return number == null || withheld() ? null : number.strip();
    }

    @Override
    public String toString() {
        return number == null ? "CallerLine[none]" : withheld() ? "CallerLine[withheld]" : "CallerLine[***]";
    }
}

package com.profilebridge.ui.console;

import com.profilebridge.profile.ProfileSource;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The console's words for what the customer data service sends: field names as people say them
 * (never a raw key such as {@code credit_card_number}), codes capitalised, one number format (US
 * English, the console's language).
 */
final class ConsoleLabels {

    private static final Locale LOCALE = Locale.US;
    private static final Map<String, String> ATTRIBUTES = Map.of(
            "ssn", "Social security number",
            "credit_card_number", "Card number",
            "date_of_birth", "Date of birth",
            "iban", "IBAN",
            "loyalty_id", "Loyalty number");

    private ConsoleLabels() {}

    /** A trait's name as a label: the known ones by name, others from their key ({@code home_city}: "Home city"). */
    static String attribute(String key) {
        String known = ATTRIBUTES.get(key.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        String words = key.replaceAll("([a-z])([A-Z])", "$1 $2").replaceAll("[_\\-.]+", " ").strip()
                .toLowerCase(Locale.ROOT);
        return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** {@code GOLD}, {@code callback-scheduled}: "Gold", "Callback scheduled". */
    static @Nullable String code(@Nullable String code) {
        return code == null || code.isBlank() ? null : attribute(code);
    }

    static @Nullable String money(@Nullable BigDecimal value) {
        return value == null ? null : NumberFormat.getCurrencyInstance(LOCALE).format(value);
    }

    static String number(double value) {
        return NumberFormat.getNumberInstance(LOCALE).format(value);
    }

    static String freshness(ProfileSource source, Duration age) {
        return switch (source) {
            case FRESH -> "Fresh from the customer data service";
            case CACHED -> "Saved " + (age.toMinutes() < 1 ? "less than a minute" : number(age.toMinutes()) + " min") + " ago";
            case STALE -> "Saved data, " + number(age.toMinutes()) + " min old (the customer data service did not answer in time)";
            case NONE -> "No data";
        };
    }
}

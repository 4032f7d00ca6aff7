package com.profilebridge.masking;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The field policy: a normalised field name to its {@link FieldAction}. Names are compared
 * lower-cased with {@code _ - .} and whitespace removed, so {@code date_of_birth},
 * {@code dateOfBirth}, {@code Date-Of-Birth} and {@code DATE OF BIRTH} are one field.
 */
final class FieldPolicy {

    /** The built-in rules; configuration adds to or replaces them. */
    static final Map<String, FieldAction> DEFAULTS = defaults();

    private final Map<String, FieldAction> rules;

    FieldPolicy(Map<String, FieldAction> overrides) {
        Map<String, FieldAction> merged = new HashMap<>(DEFAULTS);
        overrides.forEach((name, action) -> merged.put(normalise(name), action));
        this.rules = Map.copyOf(merged);
    }

    FieldAction actionFor(String fieldName) {
        return rules.getOrDefault(normalise(fieldName), FieldAction.TEXT);
    }

    boolean uses(FieldAction action) {
        return rules.containsValue(action);
    }

    static String normalise(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != '.' && !Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static Map<String, FieldAction> defaults() {
        Map<String, FieldAction> m = new HashMap<>();
        put(m, FieldAction.DROP, "cvv", "cvv2", "cvc", "cvc2", "cid", "card_security_code", "security_code", "pin",
                "pin_code", "password", "passcode", "security_answer", "secret_answer", "otp");
        put(m, FieldAction.SSN, "ssn", "social_security_number", "social_security", "national_id", "tax_id", "tin",
                "sin", "nino");
        put(m, FieldAction.LAST4, "credit_card_number", "card_number", "card", "credit_card", "pan", "cc_number",
                "debit_card_number", "iban", "account_number", "bank_account", "bank_account_number",
                "routing_number", "sort_code", "passport_number", "drivers_license", "driver_license_number");
        put(m, FieldAction.DATE, "date_of_birth", "dob", "birth_date", "birthdate", "birthday", "born");
        put(m, FieldAction.PHONE, "ani", "caller_number", "caller_id", "calling_number", "phone", "phone_number",
                "telephone", "mobile", "mobile_phone", "mobile_number", "cell", "cell_phone", "home_phone",
                "work_phone", "msisdn", "fax");
        put(m, FieldAction.EMAIL, "email", "email_address", "e_mail", "mail");
        return Map.copyOf(m);
    }

    private static void put(Map<String, FieldAction> m, FieldAction action, String... names) {
        for (String name : names) {
            m.put(normalise(name), action);
        }
    }
}

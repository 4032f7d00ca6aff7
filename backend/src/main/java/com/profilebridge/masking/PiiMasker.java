package com.profilebridge.masking;

import com.profilebridge.cdp.CdpProfile;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Masks PII in a CDP profile: known sensitive fields by name (SSN, card number, date of birth;
 * secrets such as CVV and PIN are dropped) and, in every free-text value, card numbers (13-19
 * digits passing the Luhn check, with or without separators) and US SSNs.
 */
@Component
public class PiiMasker {

    private static final Set<String> DROP = Set.of("cvv", "cvc", "pin", "password", "security_answer");
    private static final Set<String> SSN_FIELDS = Set.of("ssn", "social_security_number", "national_id", "tax_id");
    private static final Set<String> CARD_FIELDS = Set.of("credit_card_number", "card_number", "pan", "cc_number");
    private static final Set<String> DOB_FIELDS = Set.of("date_of_birth", "dob", "birth_date", "birthdate");
    private static final Set<String> ACCOUNT_FIELDS = Set.of("iban", "bank_account", "account_number", "routing_number");
    private static final Pattern CARD = Pattern.compile("(?<![0-9])(?:[0-9][ \\-]?){12,18}[0-9](?![0-9])");
    private static final Pattern SSN = Pattern.compile("(?<![0-9])([0-9]{3})[ \\-]?([0-9]{2})[ \\-]?([0-9]{4})(?![0-9])");

    /** A masked copy of the profile. */
    public MaskedProfile mask(CdpProfile p) {
        Map<String, String> attributes = new LinkedHashMap<>();
        p.attributes().forEach((key, value) -> {
            String name = key.toLowerCase(Locale.ROOT);
            if (DROP.contains(name)) {
                return;
            }
            attributes.put(key, maskField(name, value));
        });
        return new MaskedProfile(new CdpProfile(
                p.userId(),
                p.name(),
                maskEmail(p.email()),
                maskPhone(p.phone()),
                text(p.tier()),
                p.lifetimeValue(),
                text(p.preferredChannel()),
                p.sentimentScore(),
                p.recentOrders().stream()
                        .map(o -> new CdpProfile.Order(maskText(o.id()), o.placedAt(), o.total(), text(o.status())))
                        .toList(),
                p.recentInteractions().stream()
                        .map(i -> new CdpProfile.Interaction(i.at(), text(i.channel()), text(i.outcome()),
                                text(i.summary()), i.interactionId()))
                        .toList(),
                text(p.notes()),
                attributes,
                p.updatedAt()));
    }

    private String maskField(String name, String value) {
        if (SSN_FIELDS.contains(name)) {
            String digits = value.replaceAll("[^0-9]", "");
            return "***-**-" + last(digits, 4);
        }
        if (CARD_FIELDS.contains(name) || ACCOUNT_FIELDS.contains(name)) {
            String digits = value.replaceAll("[^0-9A-Za-z]", "");
            return "**** " + last(digits, 4);
        }
        if (DOB_FIELDS.contains(name)) {
            return value.length() >= 4 && value.substring(0, 4).chars().allMatch(Character::isDigit)
                    ? value.substring(0, 4) + "-**-**"
                    : "****";
        }
        return maskText(value);
    }

    private @Nullable String text(@Nullable String value) {
        return value == null ? null : maskText(value);
    }

    /** Masks card numbers and SSNs inside free text, keeping the last four digits. */
    public String maskText(String text) {
        Matcher cards = CARD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (cards.find()) {
            String digits = cards.group().replaceAll("[^0-9]", "");
            String replacement = luhn(digits) ? "[card ****" + last(digits, 4) + "]" : cards.group();
            cards.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        cards.appendTail(out);
        Matcher ssns = SSN.matcher(out.toString());
        StringBuilder masked = new StringBuilder();
        while (ssns.find()) {
            ssns.appendReplacement(masked, Matcher.quoteReplacement("[ssn ***-**-" + ssns.group(3) + "]"));
        }
        ssns.appendTail(masked);
        return masked.toString();
    }

    /** {@code j***@example.com}: enough for an agent to confirm, not to copy. */
    public @Nullable String maskEmail(@Nullable String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return Character.toLowerCase(email.charAt(0)) + "***" + email.substring(at).toLowerCase(Locale.ROOT);
    }

    /** {@code +1******0042}: the last four digits only. */
    public @Nullable String maskPhone(@Nullable String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        String prefix = phone.startsWith("+1") ? "+1" : phone.startsWith("+") ? "+" : "";
        return prefix + "*".repeat(Math.max(0, digits.length() - prefix.replace("+", "").length() - 4)) + last(digits, 4);
    }

    private static String last(String digits, int n) {
        return digits.length() <= n ? digits : digits.substring(digits.length() - n);
    }

    static boolean luhn(String digits) {
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}

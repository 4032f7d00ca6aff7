package com.profilebridge.masking;

import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.shared.HmacSha256;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one masking engine: a field policy by name (drop / hash / keep the last four / mask; names
 * compared case- and style-insensitively) and detectors for free text (cards, SSNs, IBANs,
 * e-mails, phones, dates of birth). Idempotent: masking masked data changes nothing. Applied
 * before a profile is cached or answered, before an outcome is stored or sent, and to every log
 * line.
 */
public class PiiMasker {

    private static final String HASH_PREFIX = "hash:";
    private static final Pattern YEAR = Pattern.compile("(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})(?![0-9])");

    private final FieldPolicy policy;
    private final TextScanner scanner;
    private final @Nullable HmacSha256 hashKey;

    /** The built-in policy, US as the default phone region (tests, logging before Spring starts). */
    public PiiMasker() {
        this(MaskingProperties.defaults());
    }

    public PiiMasker(MaskingProperties properties) {
        this.policy = new FieldPolicy(properties.fields());
        String region = properties.defaultRegion();
        this.scanner = new TextScanner(region == null || region.isBlank() ? "US" : region);
        String key = properties.hashKey();
        if (key == null || key.isBlank()) {
            if (policy.uses(FieldAction.HASH)) {
                throw new IllegalStateException(
                        "bridge.masking.hash-key must be set when a field rule uses the hash action");
            }
            this.hashKey = null;
        } else {
            this.hashKey = HmacSha256.keyedWith(key);
        }
    }

    /** A masked copy of the profile. */
    public MaskedProfile mask(CdpProfile p) {
        Map<String, String> attributes = new LinkedHashMap<>();
        p.attributes().forEach((key, value) -> {
            String masked = maskField(key, value);
            if (masked != null) {
                attributes.put(key, masked);
            }
        });
        return new MaskedProfile(new CdpProfile(
                p.userId(),
                text(p.name()),
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
                                text(i.summary()), text(i.interactionId())))
                        .toList(),
                text(p.notes()),
                attributes,
                p.updatedAt()));
    }

    /** What the field policy (built-in rules plus {@code bridge.masking.fields}) does with a field of this name. */
    public FieldAction actionFor(String fieldName) {
        return policy.actionFor(fieldName);
    }

    /** What the field policy makes of a named value: the masked value, or {@code null} to drop the field. */
    public @Nullable String maskField(String name, String value) {
        return switch (policy.actionFor(name)) {
            case DROP -> null;
            case HASH -> hash(value);
            case SSN -> maskSsn(value);
            case LAST4 -> maskLastFour(value);
            case PHONE -> maskPhone(value);
            case EMAIL -> maskEmail(value);
            case DATE -> maskDate(value);
            case MASK -> "****";
            case TEXT -> maskText(value);
        };
    }

    /**
     * A masked copy of a JSON-like tree (maps, lists, strings, numbers, booleans): the field policy
     * by key, free-text detectors on every other string and number. Dropped keys are left out.
     */
    public Map<String, Object> maskFields(Map<String, ?> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            Object masked = maskValue(key, value);
            if (masked != null) {
                out.put(key, masked);
            }
        });
        return out;
    }

    private @Nullable Object maskValue(String key, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            if (policy.actionFor(key) == FieldAction.DROP) {
                return null;
            }
            Map<String, Object> nested = new LinkedHashMap<>();
            map.forEach((k, v) -> nested.put(String.valueOf(k), v));
            return maskFields(nested);
        }
        if (value instanceof List<?> list) {
            if (policy.actionFor(key) == FieldAction.DROP) {
                return null;
            }
            return list.stream().map(v -> v == null ? "" : maskValue(key, v)).filter(v -> v != null).toList();
        }
        if (value instanceof String s) {
            return maskField(key, s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            String asText = value.toString();
            String masked = maskField(key, asText);
            // a number stays a number unless masking changed it (a card number sent as a JSON number)
            return masked == null ? null : masked.equals(asText) ? value : masked;
        }
        return maskField(key, value.toString());
    }

    /**
     * Masks cards (Luhn), SSNs, IBANs (mod 97), e-mail addresses, phone numbers and named dates of
     * birth inside free text, keeping at most the last four digits.
     */
    public String maskText(String text) {
        return scanner.mask(text);
    }

    private @Nullable String text(@Nullable String value) {
        return value == null ? null : maskText(value);
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
        // what follows the '@' is shown: the detectors see it first, in case it is more than a domain
        String first = Character.toString(Character.toLowerCase(email.codePointAt(0)));
        return first + "***" + maskText(email.substring(at).toLowerCase(Locale.ROOT));
    }

    /** {@code +1******0042}: the last four digits only. */
    public @Nullable String maskPhone(@Nullable String phone) {
        if (phone == null) {
            return null;
        }
        // '*' counts as a digit, so a masked number keeps its length and masking it again changes nothing
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if ((c >= '0' && c <= '9') || c == '*') {
                digits.append(c);
            }
        }
        String prefix = phone.startsWith("+1") ? "+1" : phone.startsWith("+") ? "+" : "";
        String tail = last(digits.toString(), 4);
        int hidden = Math.max(0, digits.length() - (prefix.length() > 1 ? 1 : 0) - tail.length());
        return prefix + "*".repeat(hidden) + tail;
    }

    private static String maskSsn(String value) {
        String digits = value.replaceAll("[^0-9]", "");
        return digits.length() < 4 ? "***-**-****" : "***-**-" + last(digits, 4);
    }

    private static String maskLastFour(String value) {
        String kept = value.replaceAll("[^0-9A-Za-z]", "");
        // short values would be mostly shown by "the last four"
        return kept.length() < 8 && !value.startsWith("**** ") ? "****" : "**** " + last(kept, 4);
    }

    private static String maskDate(String value) {
        // the year alone (an age check) is kept, from ISO dates and from any format that shows one
        Matcher year = YEAR.matcher(value);
        return year.find() ? year.group(1) + "-**-**" : "****";
    }

    private String hash(String value) {
        if (value.startsWith(HASH_PREFIX) || hashKey == null) {
            return value.startsWith(HASH_PREFIX) ? value : "****";
        }
        byte[] digest = hashKey.of(value.strip().toLowerCase(Locale.ROOT));
        return HASH_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    }

    private static String last(String digits, int n) {
        return digits.length() <= n ? digits : digits.substring(digits.length() - n);
    }
}

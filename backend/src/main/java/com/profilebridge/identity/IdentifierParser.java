package com.profilebridge.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.profile.LocalIdentifierCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns what an IVR sends into normalised identifiers. Phones become E.164 through libphonenumber
 * and are accepted when <em>possible</em> (not only <em>valid</em>: the guide's +1 555 numbers are
 * not valid yet must resolve); e-mails are trimmed and lower-cased. Unusable values are reported,
 * never thrown.
 */
@Component
public class IdentifierParser implements LocalIdentifierCache {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern PHONE_LIKE = Pattern.compile("^\\+?[0-9()\\s.\\-/]{6,30}$");
    private static final Result NOT_A_PHONE = Result.ignored("not a phone number");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final int MAX_LENGTH = 254;

    private final String defaultRegion;
    /** Phone text as received -> its normalisation; bounded, the result depends only on the text. */
    private final Cache<String, Result> normalised = Caffeine.newBuilder().maximumSize(100_000).build();
    private final Pattern userId;

    public IdentifierParser(IdentityProperties properties) {
        this.defaultRegion = properties.defaultRegion().toUpperCase(Locale.ROOT);
        this.userId = Pattern.compile(properties.userIdPattern());
    }

    /** The identifiers found in the given fields, and why the others were ignored. */
    public Parsed parse(Fields fields) {
        Map<CdpIdentifier.Kind, CdpIdentifier> found = new LinkedHashMap<>();
        List<Ignored> ignored = new ArrayList<>();
        accept(fields.userId(), "userId", CdpIdentifier.Kind.USER_ID, found, ignored);
        accept(fields.email(), "email", CdpIdentifier.Kind.EMAIL, found, ignored);
        accept(fields.phoneNumber(), "phoneNumber", CdpIdentifier.Kind.PHONE, found, ignored);
        if (present(fields.identifier())) {
            Result detected = detect(fields.identifier());
            if (detected.identifier() == null) {
                ignored.add(new Ignored("identifier", detected.reason()));
            } else if (!found.containsKey(detected.identifier().kind())) {
                found.put(detected.identifier().kind(), detected.identifier());
            } else if (!found.get(detected.identifier().kind()).equals(detected.identifier())) {
                ignored.add(new Ignored("identifier", "a different " + label(detected.identifier().kind())
                        + " was given in its own field"));
            }
        }
        return new Parsed(List.copyOf(found.values()), List.copyOf(ignored));
    }

    private void accept(@Nullable String raw, String field, CdpIdentifier.Kind kind,
            Map<CdpIdentifier.Kind, CdpIdentifier> found, List<Ignored> ignored) {
        if (!present(raw)) {
            return;
        }
        Result result = switch (kind) {
            case PHONE -> phone(raw);
            case EMAIL -> email(raw);
            case USER_ID -> userId(raw);
        };
        if (result.identifier() == null) {
            ignored.add(new Ignored(field, result.reason()));
        } else {
            found.put(kind, result.identifier());
        }
    }

    /**
     * Remembered phone texts (as received) normalised to a matching number: the memo holds phone
     * numbers, so an erasure or an invalidation evicts from it like from the profile cache.
     */
    @Override
    public long count(Predicate<String> cacheKeyMatches) {
        return normalised.asMap().values().stream().filter(r -> matches(r, cacheKeyMatches)).count();
    }

    @Override
    public long evict(Predicate<String> cacheKeyMatches) {
        long evicted = 0;
        for (Map.Entry<String, Result> entry : normalised.asMap().entrySet()) {
            if (matches(entry.getValue(), cacheKeyMatches) && normalised.asMap().remove(entry.getKey(), entry.getValue())) {
                evicted++;
            }
        }
        return evicted;
    }

    private static boolean matches(Result result, Predicate<String> cacheKeyMatches) {
        return result.identifier() != null && cacheKeyMatches.test(result.identifier().cacheKey());
    }

    /** Detects the kind of a free {@code identifier}: e-mail, phone or CDP user id. */
    public Result detect(String raw) {
        String value = withoutUriScheme(raw.strip());
        if (value.contains("@")) {
            return email(value);
        }
        if (PHONE_LIKE.matcher(value).matches()) {
            return normalised.get(value, this::normalise); // phone(value) without matching the pattern twice
        }
        return userId(value);
    }

    public Result phone(String raw) {
        String value = phoneText(raw);
        // libphonenumber's parse was an eighth of a cache hit's CPU; callers repeat, numbers recur
        return value == null ? NOT_A_PHONE : normalised.get(value, this::normalise);
    }

    /**
     * {@link #phone} without remembering the text: for an erasure learning a customer's number,
     * which must not leave it in the memo it is about to clear.
     */
    public Result phoneNotRemembered(String raw) {
        String value = phoneText(raw);
        if (value == null) {
            return NOT_A_PHONE;
        }
        Result remembered = normalised.getIfPresent(value);
        return remembered != null ? remembered : normalise(value);
    }

    /** The text as a phone lookup keys it, or null when it cannot be a phone number. */
    private static @Nullable String phoneText(String raw) {
        String value = withoutUriScheme(raw.strip());
        return value.length() > 40 || !PHONE_LIKE.matcher(value).matches() ? null : value;
    }

    private Result normalise(String value) {
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(value, defaultRegion);
            if (!PHONES.isPossibleNumber(number)) {
                return Result.ignored("not a possible phone number");
            }
            String e164 = PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            return Result.of(new CdpIdentifier(CdpIdentifier.Kind.PHONE, e164));
        } catch (NumberParseException e) {
            return Result.ignored("not a phone number");
        }
    }

    public Result email(String raw) {
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_LENGTH || !EMAIL.matcher(value).matches()) {
            return Result.ignored("not an e-mail address");
        }
        return Result.of(new CdpIdentifier(CdpIdentifier.Kind.EMAIL, value));
    }

    public Result userId(String raw) {
        String value = raw.strip();
        if (!userId.matcher(value).matches()) {
            return Result.ignored("not a phone number, e-mail address or CDP user id");
        }
        return Result.of(new CdpIdentifier(CdpIdentifier.Kind.USER_ID, value));
    }

    /**
     * Genesys' {@code Call.Ani} reads {@code tel:+15551000042} and SIP calls bring
     * {@code sip:+15551000042@carrier.example;user=phone}: keep the number part.
     */
    static String withoutUriScheme(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tel:")) {
            value = value.substring(4);
        } else if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
            value = value.substring(value.indexOf(':') + 1);
            int at = value.indexOf('@');
            if (at > 0) {
                value = value.substring(0, at);
            }
        }
        int semicolon = value.indexOf(';');
        return (semicolon > 0 ? value.substring(0, semicolon) : value).strip();
    }

    private static boolean present(@Nullable String value) {
        // Platforms fill unset template variables with "null" or leave them empty.
        return value != null && !value.isBlank() && !"null".equalsIgnoreCase(value.strip())
                && !"undefined".equalsIgnoreCase(value.strip());
    }

    private static String label(CdpIdentifier.Kind kind) {
        return switch (kind) {
            case PHONE -> "phone number";
            case EMAIL -> "e-mail address";
            case USER_ID -> "CDP user id";
        };
    }

    /** The raw identifier fields of a request. */
    public record Fields(
            @Nullable String identifier, @Nullable String phoneNumber, @Nullable String email, @Nullable String userId) {}

    /** Normalised identifiers (at most one per kind) and the values that were ignored. */
    public record Parsed(List<CdpIdentifier> identifiers, List<Ignored> ignored) {}

    /** A value that was not used, and why (never echoes the value itself). */
    public record Ignored(String field, String reason) {}

    /** The outcome of normalising one value. */
    public record Result(@Nullable CdpIdentifier identifier, String reason) {
        static Result of(CdpIdentifier identifier) {
            return new Result(identifier, "");
        }

        static Result ignored(String reason) {
            return new Result(null, reason);
        }
    }
}

package com.profilebridge.identity;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads an IVR's statement that it verified the caller ({@code "verifiedBy": "pin"}): the only way a
 * CDP user id alone becomes {@code VERIFIED}. Believed from the callers listed in
 * {@code bridge.identity.verifying-callers} only, and only with a known method; anything else is
 * ignored with a reason the answer names in {@code ignored_fields}.
 */
@Component
public class VerificationClaims {

    /** How an IVR can have verified a caller; the values {@code verifiedBy} accepts. */
    public static final Set<String> METHODS = Set.of("pin", "knowledge", "otp", "biometric");

    private static final Set<String> NOT_VERIFIED = Set.of("null", "undefined", "none", "false");

    private final Set<String> verifyingCallers;

    public VerificationClaims(IdentityProperties properties) {
        this.verifyingCallers = Set.copyOf(properties.verifyingCallers());
    }

    /**
     * @param verifiedBy the request's {@code verifiedBy}; absent, {@code ""}, {@code "null"},
     *     {@code "undefined"}, {@code "none"} and {@code "false"} mean "not verified"
     * @param caller the authenticated integration
     */
    public Claim read(@Nullable String verifiedBy, String caller) {
        String value = verifiedBy == null ? "" : verifiedBy.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || NOT_VERIFIED.contains(value)) {
            return Claim.NONE;
        }
        if (!verifyingCallers.contains(caller)) {
            return new Claim(null, "this caller may not assert verification");
        }
        if (!METHODS.contains(value)) {
            return new Claim(null, "not one of pin, knowledge, otp, biometric");
        }
        return new Claim(value, null);
    }

    /**
     * @param method how the IVR verified the caller; null when it did not say, or is not believed
     * @param ignoredBecause why a stated verification was not believed
     */
    public record Claim(@Nullable String method, @Nullable String ignoredBecause) {

        static final Claim NONE = new Claim(null, null);

        public boolean verified() {
            return method != null;
        }
    }
}

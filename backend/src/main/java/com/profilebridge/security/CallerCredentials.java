package com.profilebridge.security;

import com.profilebridge.shared.Sha256;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks a presented secret against every configured secret in constant time: both sides are
 * hashed to equal-length digests, compared with {@link MessageDigest#isEqual}, and every secret is
 * compared even after a match, so timing tells nothing about which secret or how much matched.
 */
final class CallerCredentials {

    private record Entry(String caller, byte[] digest) {}

    private final List<Entry> entries = new ArrayList<>();

    CallerCredentials(Map<String, CallerProperties.Caller> callers) {
        callers.forEach((name, caller) -> caller.secrets().stream()
                .filter(s -> !s.isBlank())
                .forEach(secret -> entries.add(new Entry(name, Sha256.of(secret)))));
    }

    /** The caller owning this secret (any caller when {@code expectedCaller} is null). */
    Optional<String> authenticate(@Nullable String expectedCaller, String secret) {
        byte[] presented = Sha256.of(secret);
        String matched = null;
        for (Entry entry : entries) {
            boolean equal = MessageDigest.isEqual(entry.digest(), presented);
            boolean right = expectedCaller == null || entry.caller().equals(expectedCaller);
            if (equal & right & matched == null) {
                matched = entry.caller();
            }
        }
        return Optional.ofNullable(matched);
    }
}

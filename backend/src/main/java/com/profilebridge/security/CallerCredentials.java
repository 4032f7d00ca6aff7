package com.profilebridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
                .forEach(secret -> entries.add(new Entry(name, sha256(secret)))));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The caller owning this secret (any caller when {@code expectedCaller} is null). */
    Optional<String> authenticate(@Nullable String expectedCaller, String secret) {
        byte[] presented = sha256(secret);
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

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package com.profilebridge.security;

import com.profilebridge.shared.Sha256;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks a presented secret against every configured secret in constant time: both sides are
 * hashed to equal-length digests, compared with {@link MessageDigest#isEqual}, and every secret is
 * compared even after a match, so timing tells nothing about which secret or how much matched.
 *
 * <p>Strict and deterministic: a blank secret (configured or presented, e.g. an unset environment
 * variable and an empty password) never authenticates; entries are checked in caller-name order,
 * never in a map's iteration order, so the outcome of a check never depends on how the
 * configuration was read. A secret only counts for the caller it is configured for.
 */
final class CallerCredentials {

    private record Entry(String caller, String canonicalCaller, byte[] digest) {}

    private final List<Entry> entries = new ArrayList<>();

    CallerCredentials(Map<String, CallerProperties.Caller> callers) {
        callers.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(caller -> caller.getValue().secrets().stream()
                        .filter(secret -> !secret.isBlank())
                        .forEach(secret -> entries.add(
                                new Entry(caller.getKey(), canonical(caller.getKey()), Sha256.of(secret)))));
    }

    /**
     * The caller owning this secret.
     *
     * @param expectedCaller the HTTP Basic user name, compared in canonical form (see {@link #canonical});
     *     null for an API key, which names no caller and so may be any caller's secret
     */
    Optional<String> authenticate(@Nullable String expectedCaller, String secret) {
        if (secret.isBlank() || (expectedCaller != null && expectedCaller.isBlank())) {
            return Optional.empty();
        }
        String wanted = expectedCaller == null ? null : canonical(expectedCaller);
        byte[] presented = Sha256.of(secret);
        String matched = null;
        for (Entry entry : entries) {
            boolean secretMatches = MessageDigest.isEqual(entry.digest(), presented);
            boolean callerMatches = wanted == null || entry.canonicalCaller().equals(wanted);
            if (matched == null && secretMatches && callerMatches) {
                matched = entry.caller();
            }
        }
        return Optional.ofNullable(matched);
    }

    /**
     * A caller name as Spring's relaxed binding reads it from an environment variable: lower case,
     * without {@code -} and {@code _}. Configured names are {@code [a-z0-9]+} already
     * ({@link CallerNamesCheck}); a Basic user name such as {@code ivr-demo} names the caller
     * {@code ivrdemo}, so the name an operator can write in {@code BRIDGE_SECURITY_CALLERS_<NAME>_SECRETS}
     * is the name the integration logs in with.
     */
    static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_') {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}

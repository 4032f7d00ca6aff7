package com.profilebridge.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of text: keys and ids derived from values that must not be kept themselves (tokens,
 * secrets, interaction ids in message ids, request bodies in dedupe keys).
 */
public final class Sha256 {

    private static final MessageDigest PROTOTYPE = lookUp();

    private Sha256() {}

    /** The digest of the text's UTF-8 bytes. */
    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of the bytes. */
    public static byte[] of(byte[] bytes) {
        return digest().digest(bytes);
    }

    /**
     * The hex digest of the parts, separated by a zero byte so that {@code ("ab", "c")} and
     * {@code ("a", "bc")} differ; one part is the plain digest of its text.
     */
    public static String hex(String... parts) {
        MessageDigest digest = digest();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                digest.update((byte) 0);
            }
            digest.update(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A fresh digest: cloning one costs a fraction of looking the algorithm up among the providers. */
    private static MessageDigest digest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp();
        }
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package com.profilebridge.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one secret key, safe to share between threads: keys and pseudonyms derived
 * from values that must not be stored themselves (cache and limiter keys, erased customers, hashed
 * fields). {@code toString()} never shows the key.
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private final Mac keyed;
    // Mac is not thread-safe; a clone of the keyed one per thread is asked on every request without
    // looking the algorithm up among the providers or deriving the key's pads again
    private final ThreadLocal<Mac> macs;

    private HmacSha256(byte[] key) {
        this.keyed = newMac(key);
        this.macs = ThreadLocal.withInitial(this::copy);
    }

    /** Keyed with these bytes. */
    public static HmacSha256 keyedWith(byte[] key) {
        return new HmacSha256(key);
    }

    /** Keyed with the UTF-8 bytes of the secret. */
    public static HmacSha256 keyedWith(String secret) {
        return new HmacSha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The MAC of the bytes under a key used once (a key derived, a signature checked). */
    public static byte[] compute(byte[] key, byte[] bytes) {
        return newMac(key).doFinal(bytes);
    }

    /** The MAC of the text's UTF-8 bytes. */
    public byte[] of(String text) {
        return macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The MAC of the parts, separated by a zero byte so that {@code ("ab", "c")} and
     * {@code ("a", "bc")} differ; one part is the plain MAC of its text.
     */
    public byte[] of(String first, String... rest) {
        Mac mac = macs.get();
        mac.update(first.getBytes(StandardCharsets.UTF_8));
        for (String part : rest) {
            mac.update((byte) 0);
            mac.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return mac.doFinal();
    }

    @Override
    public String toString() {
        return "HmacSha256[key hidden]";
    }

    private Mac copy() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(ALGORITHM + " cannot be cloned", e);
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }
}

package com.profilebridge.profile;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Redis keys as HMAC-SHA256 of the identifier under a configured secret: a phone number or e-mail
 * address never appears in a key (a {@code KEYS pb:profile:*} or a Redis dump shows only digests),
 * and without the secret a key cannot be recomputed from a guessed number.
 */
final class CacheKeys {

    /** The secret the demo profile uses; refused when {@code prod} is active. */
    static final String DEMO_SECRET = "demo-only-cache-key-secret-not-for-production";
    static final int MIN_SECRET_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;
    private final ThreadLocal<Mac> macs;

    CacheKeys(String secret) {
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("bridge.cache.redis.key-secret must be at least " + MIN_SECRET_LENGTH
                    + " characters");
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
        // Mac is not thread-safe; a clone per thread keeps the initialised key without re-deriving it
        macs = ThreadLocal.withInitial(() -> {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(ALGORITHM + " cannot be cloned", e);
            }
        });
    }

    /** The hex HMAC of the cache key ({@code phone:+1555...}). */
    String of(String key) {
        return HexFormat.of().formatHex(macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }
}

package com.profilebridge.profile;

import com.profilebridge.shared.HmacSha256;
import java.util.HexFormat;

/**
 * Redis keys as HMAC-SHA256 of the identifier under a configured secret: a phone number or e-mail
 * address never appears in a key (a {@code KEYS pb:profile:*} or a Redis dump shows only digests),
 * and without the secret a key cannot be recomputed from a guessed number.
 */
final class CacheKeys {

    /** The secret the demo profile uses; refused when {@code prod} is active. */
    static final String DEMO_SECRET = "demo-only-cache-key-secret-not-for-production";
    static final int MIN_SECRET_LENGTH = 16;

    private final HmacSha256 hmac;

    CacheKeys(String secret) {
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("bridge.cache.redis.key-secret must be at least " + MIN_SECRET_LENGTH
                    + " characters");
        }
        this.hmac = HmacSha256.keyedWith(secret);
    }

    /** The hex HMAC of the cache key ({@code phone:+1555...}). */
    String of(String key) {
        return HexFormat.of().formatHex(hmac.of(key));
    }
}

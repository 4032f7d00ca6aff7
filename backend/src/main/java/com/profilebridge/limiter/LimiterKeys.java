package com.profilebridge.limiter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Redis keys of the shared limiters: {@code <prefix><limit>:<128 bits of HMAC-SHA256(limit, key)>}.
 * The limited key (an agent id, a console user name, a caller name, a vendor space) never appears
 * in Redis, and without the secret (derived from {@code bridge.cache.redis.key-secret} for this
 * purpose only) a guessed name cannot be turned into its key.
 */
final class LimiterKeys {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PURPOSE = "profile-bridge rate limit keys";

    private final String prefix;
    private final ThreadLocal<Mac> macs;

    LimiterKeys(String prefix, String secret) {
        this.prefix = prefix;
        byte[] key = mac(secret.getBytes(StandardCharsets.UTF_8)).doFinal(PURPOSE.getBytes(StandardCharsets.UTF_8));
        // Mac is not thread-safe and is asked on every request: one per thread
        this.macs = ThreadLocal.withInitial(() -> mac(key));
    }

    byte[] of(String limit, String key) {
        Mac mac = macs.get();
        mac.update(limit.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
        return (prefix + limit + ":" + HexFormat.of().formatHex(digest, 0, 16)).getBytes(StandardCharsets.UTF_8);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }
}

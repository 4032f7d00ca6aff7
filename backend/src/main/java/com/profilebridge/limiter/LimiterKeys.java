package com.profilebridge.limiter;

import com.profilebridge.shared.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Redis keys of the shared limiters: {@code <prefix><limit>:<128 bits of HMAC-SHA256(limit, key)>}.
 * The limited key (an agent id, a console user name, a caller name, a vendor space) never appears
 * in Redis, and without the secret (derived from {@code bridge.cache.redis.key-secret} for this
 * purpose only) a guessed name cannot be turned into its key.
 */
final class LimiterKeys {

    private static final String PURPOSE = "profile-bridge rate limit keys";

    private final String prefix;
    private final HmacSha256 hmac;

    LimiterKeys(String prefix, String secret) {
        this.prefix = prefix;
        this.hmac = HmacSha256.keyedWith(HmacSha256.compute(secret.getBytes(StandardCharsets.UTF_8),
                PURPOSE.getBytes(StandardCharsets.UTF_8)));
    }

    byte[] of(String limit, String key) {
        byte[] digest = hmac.of(limit, key);
        return (prefix + limit + ":" + HexFormat.of().formatHex(digest, 0, 16)).getBytes(StandardCharsets.UTF_8);
    }
}

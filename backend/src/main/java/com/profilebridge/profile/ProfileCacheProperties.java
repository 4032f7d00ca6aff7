package com.profilebridge.profile;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Profile cache settings ({@code bridge.cache.*}).
 *
 * @param freshTtl an entry younger than this is served as {@code CACHED} without asking the CDP
 * @param staleMaxAge entries are kept (and served as {@code STALE} when the CDP cannot answer) up to this age
 * @param maxEntries L1 size bound per instance
 * @param negativeTtl how long "nobody matched" answers are kept (identifiers are the caller's choice:
 *     a made-up number must not occupy a slot for a day)
 * @param redis the shared L2
 */
@ConfigurationProperties("bridge.cache")
public record ProfileCacheProperties(
        @DefaultValue("5m") Duration freshTtl,
        @DefaultValue("24h") Duration staleMaxAge,
        @DefaultValue("100000") long maxEntries,
        @DefaultValue("60s") Duration negativeTtl,
        @DefaultValue Redis redis) {

    /**
     * @param enabled use Redis as L2 (on in {@code prod})
     * @param keyPrefix prefix of every key, so several deployments can share one Redis
     * @param keySecret the HMAC secret keys are derived with (at least 16 characters; required when
     *     Redis is enabled)
     */
    public record Redis(@DefaultValue("false") boolean enabled, @DefaultValue("pb:profile:") String keyPrefix,
            @Nullable String keySecret) {}
}

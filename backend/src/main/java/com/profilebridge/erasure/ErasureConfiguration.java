package com.profilebridge.erasure;

import com.profilebridge.profile.ProfileCacheProperties;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ErasureProperties.class)
class ErasureConfiguration {

    /** Published in the README's demo; {@code prod} refuses it. */
    static final String DEMO_KEY = "demo-only-erasure-pseudonym-key";
    static final int MIN_KEY_LENGTH = 16;
    private static final String LABEL = "profile-bridge erasure pseudonyms v1";

    @Bean
    Pseudonyms pseudonyms(ErasureProperties erasure, ProfileCacheProperties cache, Environment environment) {
        return new Pseudonyms(key(erasure, cache, environment));
    }

    /**
     * The configured key; else one derived from the Redis key secret (which {@code prod} requires,
     * so a deployment needs no new secret); else the demo key outside {@code prod}. Fails the
     * start-up, naming the variable, rather than pseudonymise with a key anyone knows.
     */
    static byte[] key(ErasureProperties erasure, ProfileCacheProperties cache, Environment environment) {
        boolean prod = environment.matchesProfiles("prod");
        String configured = erasure.pseudonymKey() == null ? "" : erasure.pseudonymKey().strip();
        if (!configured.isEmpty()) {
            if (configured.length() < MIN_KEY_LENGTH) {
                throw new IllegalStateException("bridge.erasure.pseudonym-key (BRIDGE_ERASURE_PSEUDONYMKEY) must be at "
                        + "least " + MIN_KEY_LENGTH + " characters");
            }
            if (prod && configured.equals(DEMO_KEY)) {
                throw new IllegalStateException("Refusing to start with the prod profile: bridge.erasure.pseudonym-key "
                        + "(BRIDGE_ERASURE_PSEUDONYMKEY) is the demo's published value");
            }
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        String cacheSecret = cache.redis().keySecret() == null ? "" : cache.redis().keySecret().strip();
        if (cache.redis().enabled() && cacheSecret.length() >= MIN_KEY_LENGTH) {
            return Pseudonyms.derive(cacheSecret, LABEL);
        }
        if (prod) {
            throw new IllegalStateException("Refusing to start with the prod profile: erased customers' pseudonyms "
                    + "need a secret key; set bridge.erasure.pseudonym-key (BRIDGE_ERASURE_PSEUDONYMKEY, at least "
                    + MIN_KEY_LENGTH + " characters) or enable the Redis cache with its key secret");
        }
        return DEMO_KEY.getBytes(StandardCharsets.UTF_8);
    }
}

package com.profilebridge.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Redis keys never carry the phone number or e-mail address, and prod never runs without a secret. */
class CacheKeysTests {

    @Test
    void keysAreHexHmacsThatDependOnTheSecretAndNotThePlainValue() {
        CacheKeys keys = new CacheKeys("a-secret-of-enough-length");
        String key = keys.of("phone:+15551000042");

        assertThat(key).matches("[0-9a-f]{64}").doesNotContain("5551000042");
        assertThat(keys.of("phone:+15551000042")).isEqualTo(key);
        assertThat(new CacheKeys("another-secret-of-enough-length").of("phone:+15551000042")).isNotEqualTo(key);
        assertThat(keys.of("email:ada@example.com")).isNotEqualTo(key).doesNotContain("@");
    }

    @Test
    void keysStayThoseAlreadyInRedis() {
        CacheKeys keys = new CacheKeys("a-secret-of-enough-length");

        assertThat(keys.of("phone:+15551000042"))
                .isEqualTo("c2e077eca51b6a2816844f173ba2cd24fab9eec7fa49d4b829cee49a65a20d0a");
        assertThat(keys.of("email:ada@example.com"))
                .isEqualTo("60e380a673b2158971be01d5b203d7f088b0278c377fbdfa8486770b8d4c9e66");
    }

    @Test
    void redisWithoutAKeySecretRefusesToStartNamingTheVariable() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");

        assertThatThrownBy(() -> ProfileConfiguration.keySecret(new ProfileCacheProperties.Redis(true, "pb:", null), prod))
                .hasMessageContaining("BRIDGE_CACHE_REDIS_KEYSECRET");
        assertThatThrownBy(() -> ProfileConfiguration.keySecret(new ProfileCacheProperties.Redis(true, "pb:", "short"), prod))
                .hasMessageContaining("16 characters");
        assertThatThrownBy(() -> ProfileConfiguration.keySecret(
                new ProfileCacheProperties.Redis(true, "pb:", CacheKeys.DEMO_SECRET), prod))
                .hasMessageContaining("demo");
        assertThat(ProfileConfiguration.keySecret(new ProfileCacheProperties.Redis(true, "pb:", CacheKeys.DEMO_SECRET),
                new MockEnvironment())).as("the demo may use its published value").isEqualTo(CacheKeys.DEMO_SECRET);
    }
}

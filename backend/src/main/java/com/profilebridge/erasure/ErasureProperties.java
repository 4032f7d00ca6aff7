package com.profilebridge.erasure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Erasure settings ({@code bridge.erasure.*}).
 *
 * @param pseudonymKey the secret erased customers' pseudonyms are derived with
 *     ({@code BRIDGE_ERASURE_PSEUDONYMKEY}, at least 16 characters, the same on every instance and
 *     kept for good: a new key gives the same customer another pseudonym). Unset, a key derived from
 *     {@code bridge.cache.redis.key-secret} is used; without either the demo's key, which {@code prod}
 *     refuses.
 */
@ConfigurationProperties("bridge.erasure")
record ErasureProperties(@Nullable String pseudonymKey) {}

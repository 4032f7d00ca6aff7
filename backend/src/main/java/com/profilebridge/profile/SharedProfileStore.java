package com.profilebridge.profile;

import java.time.Duration;
import java.util.Optional;

/** The L2 cache shared by all instances (Redis in production, nothing in the embedded default). */
interface SharedProfileStore {

    /** The entry, or empty when absent or when the store is slow or down (never blocks long). */
    Optional<CachedMatches> get(String key);

    /** Stores without making the caller wait. */
    void put(String key, CachedMatches entry, Duration ttl);

    String describe();

    /** No L2: Caffeine only. */
    SharedProfileStore NONE = new SharedProfileStore() {
        @Override
        public Optional<CachedMatches> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, CachedMatches entry, Duration ttl) {}

        @Override
        public String describe() {
            return "none";
        }
    };
}

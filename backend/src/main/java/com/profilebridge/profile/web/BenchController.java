package com.profilebridge.profile.web;

import com.profilebridge.profile.ProfileService;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Benchmark hooks; mapped only in the {@code bench} profile, which is never active otherwise. */
@RestController
@Profile("bench")
class BenchController {

    private final ProfileService profiles;

    BenchController(ProfileService profiles) {
        this.profiles = profiles;
    }

    /** Empties the local cache, so the next lookups are misses. */
    @PostMapping("/__bench/flush")
    Map<String, Object> flush() {
        profiles.evictAllLocal();
        return Map.of("flushed", true);
    }

    /** Sets the fresh TTL (e.g. 1 ms to make every entry expired at once). */
    @PostMapping("/__bench/config")
    Map<String, Object> config(@RequestParam("ttl_ms") long ttlMillis) {
        profiles.setFreshTtl(Duration.ofMillis(Math.max(0, ttlMillis)));
        return Map.of("fresh_ttl_ms", ttlMillis, "breaker", profiles.breakerState().name());
    }
}

package com.profilebridge.profile;

import com.profilebridge.testing.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.masking.PiiMasker;
import com.profilebridge.shared.Deadline;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * "Nobody matched" answers are kept briefly and only within the caller's quota: identifiers are the
 * caller's choice, and made-up ones must not fill the bounded caches for a day.
 */
class NegativeEntriesTests {

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));
    final CountingCdp cdp = new CountingCdp();
    final RecordingStore shared = new RecordingStore();
    final ProfileCacheProperties properties = new ProfileCacheProperties(Duration.ofMinutes(5), Duration.ofHours(24),
            1000, Duration.ofSeconds(60), new ProfileCacheProperties.Redis(false, "pb:profile:", null));

    ProfileService service(NegativeEntryQuota quota) {
        return new ProfileConfiguration().profileService(cdp, new PiiMasker(), CircuitBreakerRegistry.ofDefaults(),
                clock, properties, new SimpleMeterRegistry(), shared,
                new StaticListableBeanFactory(Map.of("quota", quota)).getBeanProvider(NegativeEntryQuota.class));
    }

    @Test
    void aNobodyMatchedAnswerIsKeptForTheNegativeTtlOnlyWhileAProfileStays() {
        ProfileService profiles = service(NegativeEntryQuota.UNLIMITED);
        CdpIdentifier unknown = phone("+15550000001");
        CdpIdentifier known = phone("+15551000042");

        assertThat(profiles.lookup(unknown, Deadline.in(Duration.ofSeconds(5)), false).source()).isEqualTo(ProfileSource.FRESH);
        assertThat(profiles.lookup(known, Deadline.in(Duration.ofSeconds(5)), false).found()).isTrue();
        assertThat(profiles.lookup(unknown, Deadline.in(Duration.ofSeconds(5)), false).source()).isEqualTo(ProfileSource.CACHED);
        assertThat(shared.ttls).containsEntry("phone:+15550000001", Duration.ofSeconds(60))
                .containsEntry("phone:+15551000042", Duration.ofHours(24));

        clock.advance(Duration.ofSeconds(61));

        assertThat(profiles.lookup(unknown, Deadline.in(Duration.ofSeconds(5)), false).source())
                .as("asked again after the negative TTL").isEqualTo(ProfileSource.FRESH);
        assertThat(profiles.lookup(known, Deadline.in(Duration.ofSeconds(5)), false).source()).isEqualTo(ProfileSource.CACHED);
        assertThat(cdp.calls("phone:+15550000001")).isEqualTo(2);
        assertThat(cdp.calls("phone:+15551000042")).isEqualTo(1);
    }

    @Test
    void aCallerOverItsQuotaGetsItsAnswersButAddsNoMoreNegativeEntries() {
        AtomicInteger allowance = new AtomicInteger(2);
        ProfileService profiles = service(() -> () -> allowance.getAndDecrement() > 0);

        for (int i = 0; i < 5; i++) {
            assertThat(profiles.lookup(phone("+1555000010" + i), Deadline.in(Duration.ofSeconds(5)), false).found()).isFalse();
        }
        assertThat(profiles.lookup(phone("+15551000042"), Deadline.in(Duration.ofSeconds(5)), false).found()).isTrue();

        assertThat(profiles.localSize()).as("two negative entries and the profile").isEqualTo(3);
        assertThat(shared.ttls).hasSize(3);
    }

    private static CdpIdentifier phone(String e164) {
        return new CdpIdentifier(CdpIdentifier.Kind.PHONE, e164);
    }

    /** Knows one customer, {@code +15551000042}; counts every lookup. */
    static final class CountingCdp implements CdpClient {
        final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

        int calls(String key) {
            return lookups.getOrDefault(key, new AtomicInteger()).get();
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public CdpMatches lookup(CdpIdentifier identifier) {
            lookups.computeIfAbsent(identifier.cacheKey(), k -> new AtomicInteger()).incrementAndGet();
            return identifier.value().equals("+15551000042")
                    ? new CdpMatches(List.of(new CdpProfile("usr_00042", null, null, null, "GOLD", null, null, null,
                            List.of(), List.of(), null, Map.of(), null)))
                    : CdpMatches.none();
        }

        @Override
        public Optional<CdpProfile> profile(String userId) {
            return Optional.empty();
        }

        @Override
        public void track(CdpTrackEvent event) {}

        @Override
        public boolean ping() {
            return true;
        }
    }

    /** An L2 that records what was put, and for how long. */
    static final class RecordingStore implements SharedProfileStore {
        final Map<String, Duration> ttls = new ConcurrentHashMap<>();

        @Override
        public Optional<CachedMatches> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, CachedMatches entry, Duration ttl) {
            ttls.put(key, ttl);
        }

        @Override
        public String describe() {
            return "recording";
        }
    }

}

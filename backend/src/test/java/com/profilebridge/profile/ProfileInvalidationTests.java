package com.profilebridge.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.profilebridge.cdp.CdpClient;
import com.profilebridge.cdp.CdpIdentifier;
import com.profilebridge.cdp.CdpMatches;
import com.profilebridge.cdp.CdpProfile;
import com.profilebridge.cdp.CdpTrackEvent;
import com.profilebridge.identity.IdentifierParser;
import com.profilebridge.identity.IdentityProperties;
import com.profilebridge.masking.PiiMasker;
import com.profilebridge.shared.Deadline;
import com.profilebridge.testing.MovableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evicting a customer from this instance's memory: every entry keyed by one of their identifiers
 * (a "nobody matched" one included) or holding their profile (a household's shared number too),
 * and the phone numbers remembered as received; nobody else's entries.
 */
class ProfileInvalidationTests {

    static final String ADA = "usr_00042";
    static final String BEN = "usr_00043";
    static final String HOUSEHOLD_PHONE = "+15551000042";
    static final String OLD_PHONE = "+15557770042";
    static final String ADA_EMAIL = "ada@example.com";

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T10:00:00Z"));
    final IdentifierParser parser = new IdentifierParser(new IdentityProperties("US", 0.9, "^[A-Za-z][A-Za-z0-9_:.\\-]{2,127}$",
            new IdentityProperties.Scores(1.0, 0.8, 0.97, 0.85, 0.7, 0.5), List.of(), Map.of()));
    final ProfileService profiles = new ProfileConfiguration().profileService(new Customers(), new PiiMasker(),
            CircuitBreakerRegistry.ofDefaults(), clock,
            new ProfileCacheProperties(Duration.ofMinutes(5), Duration.ofHours(24), 1000, Duration.ofSeconds(60),
                    new ProfileCacheProperties.Redis(false, "pb:profile:", null)),
            new SimpleMeterRegistry(), SharedProfileStore.NONE,
            new StaticListableBeanFactory(Map.of()).getBeanProvider(NegativeEntryQuota.class));
    final ProfileInvalidation invalidation = new ProfileConfiguration().profileInvalidation(SharedProfileStore.NONE,
            profiles, new StaticListableBeanFactory(Map.of("parser", parser)).getBeanProvider(LocalIdentifierCache.class),
            new StaticListableBeanFactory(Map.of()).getBeanProvider(StringRedisTemplate.class),
            JsonMapper.builder().build());

    @Test
    void evictsEveryEntryOfTheCustomerAndKeepsEveryoneElses() {
        fill();
        // as an erasure gathers them: from the CDP, the cache keys, and an old number the CDP no longer has
        Set<CdpIdentifier> ada = Set.of(user(ADA), email(ADA_EMAIL), phone(HOUSEHOLD_PHONE), phone(OLD_PHONE));

        assertThat(invalidation.count(ada).memory()).as("household, e-mail, id, negative entry, memo").isEqualTo(5);
        ProfileInvalidation.Eviction eviction = invalidation.evict(ada);

        assertThat(eviction.memory()).isEqualTo(5);
        assertThat(eviction.shared()).isZero();
        assertThat(eviction.instancesNotified()).as("the embedded default is one instance").isEqualTo(1);
        assertThat(invalidation.count(ada).memory()).isZero();
        assertThat(profiles.localSize()).as("only Ben's own entry is left").isEqualTo(1);
        assertThat(lookup(user(BEN)).source()).isEqualTo(ProfileSource.CACHED);
        assertThat(lookup(user(ADA)).source()).as("asked again").isEqualTo(ProfileSource.FRESH);
        assertThat(parser.count(key -> key.equals(phone(HOUSEHOLD_PHONE).cacheKey()))).isZero();
    }

    @Test
    void learnsTheIdentifiersOfACustomerFromTheCacheKeys() {
        fill();

        assertThat(invalidation.cachedRoutesTo(ADA)).containsExactlyInAnyOrder(
                phone(HOUSEHOLD_PHONE), email(ADA_EMAIL), user(ADA));
        assertThat(invalidation.cachedRoutesTo("usr_99999")).isEmpty();
    }

    /** Ada and Ben share a phone; Ada's old number is cached as "nobody"; the phone was typed with punctuation. */
    private void fill() {
        assertThat(lookup(phone(HOUSEHOLD_PHONE)).profiles()).hasSize(2);
        assertThat(lookup(email(ADA_EMAIL)).found()).isTrue();
        assertThat(lookup(user(ADA)).found()).isTrue();
        assertThat(lookup(user(BEN)).found()).isTrue();
        assertThat(lookup(phone(OLD_PHONE)).found()).isFalse();
        assertThat(parser.phone("+1 (555) 100-0042").identifier()).isEqualTo(phone(HOUSEHOLD_PHONE));
        assertThat(profiles.localSize()).isEqualTo(5);
    }

    private ProfileLookup lookup(CdpIdentifier identifier) {
        return profiles.lookup(identifier, Deadline.in(Duration.ofSeconds(5)), false);
    }

    private static CdpIdentifier phone(String e164) {
        return new CdpIdentifier(CdpIdentifier.Kind.PHONE, e164);
    }

    private static CdpIdentifier email(String email) {
        return new CdpIdentifier(CdpIdentifier.Kind.EMAIL, email);
    }

    private static CdpIdentifier user(String id) {
        return new CdpIdentifier(CdpIdentifier.Kind.USER_ID, id);
    }

    /** Ada and Ben, a household on one phone number. */
    static final class Customers implements CdpClient {

        @Override
        public String name() {
            return "customers";
        }

        @Override
        public CdpMatches lookup(CdpIdentifier identifier) {
            return switch (identifier.cacheKey()) {
                case "phone:" + HOUSEHOLD_PHONE -> new CdpMatches(List.of(customer(ADA), customer(BEN)));
                case "email:" + ADA_EMAIL, "user_id:" + ADA -> new CdpMatches(List.of(customer(ADA)));
                case "user_id:" + BEN -> new CdpMatches(List.of(customer(BEN)));
                default -> CdpMatches.none();
            };
        }

        private static CdpProfile customer(String id) {
            return new CdpProfile(id, null, null, HOUSEHOLD_PHONE, "GOLD", null, null, null, List.of(), List.of(), null,
                    Map.of(), null);
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
}

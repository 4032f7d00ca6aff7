package com.profilebridge.profile;

import com.profilebridge.cdp.CdpIdentifier;
import java.util.Collection;
import java.util.Set;

/**
 * Removes what the caches hold about customers, on every instance: the entries keyed by their
 * identifiers (profiles, household entries and "nobody matched" answers alike) and every entry
 * holding a profile of a {@link CdpIdentifier.Kind#USER_ID user} among them, in this instance's
 * memory, in the shared Redis cache and, through a Redis pub/sub message, in the memory of every
 * other instance. The erasure of a customer uses it today; an invalidation pushed by the CDP takes
 * the same path.
 */
public interface ProfileInvalidation {

    /**
     * Evicts everywhere. The shared cache and this instance are done when this returns; other
     * instances apply the message as it reaches them (milliseconds).
     *
     * @throws RuntimeException when the shared cache cannot be reached (nothing is reported as done then)
     */
    Eviction evict(Collection<CdpIdentifier> identifiers);

    /** What {@link #evict} would remove here and in the shared cache, without removing anything. */
    Holdings count(Collection<CdpIdentifier> identifiers);

    /**
     * The identifiers under which this instance's memory holds the user's profile: the cache keys
     * are the identifiers themselves (the cached profiles are masked, the keys are not).
     */
    Set<CdpIdentifier> cachedRoutesTo(String userId);

    /**
     * @param memory entries evicted from this instance's in-memory caches
     * @param shared entries deleted from the shared cache (Redis); 0 without one
     * @param instancesNotified instances that received the eviction message, this one included; 1
     *     without a shared cache (this instance is the only one)
     */
    record Eviction(long memory, long shared, long instancesNotified) {}

    /**
     * @param memory entries in this instance's in-memory caches
     * @param shared entries in the shared cache (Redis)
     */
    record Holdings(long memory, long shared) {}
}

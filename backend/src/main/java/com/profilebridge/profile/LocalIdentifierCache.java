package com.profilebridge.profile;

import java.util.function.Predicate;

/**
 * An in-memory cache of another module that holds customer identifiers (such as the phone numbers
 * as received and their normalised form): {@link ProfileInvalidation} evicts from it together with
 * the profile cache, on every instance.
 */
public interface LocalIdentifierCache {

    /**
     * Entries of an identifier whose cache key ({@code phone:+15551000042}, see
     * {@link com.profilebridge.cdp.CdpIdentifier#cacheKey()}) matches.
     */
    long count(Predicate<String> cacheKeyMatches);

    /** Removes those entries; returns how many. */
    long evict(Predicate<String> cacheKeyMatches);
}

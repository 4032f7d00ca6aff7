package com.profilebridge.profile;

/** Where the profile data in an answer came from. */
public enum ProfileSource {
    /** Fetched from the CDP for this request. */
    FRESH,
    /** From the cache, younger than the fresh TTL. */
    CACHED,
    /** From the cache, older than the fresh TTL (CDP slow, down, or a refresh running). */
    STALE,
    /** No data: nothing cached and the CDP did not answer in time (or knows nobody). */
    NONE
}

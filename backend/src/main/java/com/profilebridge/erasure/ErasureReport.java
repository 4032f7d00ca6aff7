package com.profilebridge.erasure;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an erasure did, per store.
 *
 * @param pseudonym the customer's audit rows (and the erasure's own) now name them by this
 * @param counts entries deleted, cleared, redacted, pseudonymised or evicted per store
 * @param instancesNotified instances that received the cache eviction, this one included
 * @param complete false when a store could not be reached (see the notes): run the erasure again
 */
public record ErasureReport(String pseudonym, Instant erasedAt, Map<ErasedStore, Long> counts, long instancesNotified,
        List<ErasureNote> notes, boolean complete) {

    public ErasureReport {
        counts = Collections.unmodifiableMap(new EnumMap<>(counts));
        notes = List.copyOf(notes);
    }

    /** Entries in all stores. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}

package com.profilebridge.erasure;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an erasure of the customer would find, counted per store, without changing anything.
 *
 * @param pseudonym what the customer's audit rows will name instead of their id
 * @param maskedPhone the phone number learnt from the CDP or the cache, masked (for the administrator
 *     to check it is the customer of the request); null when none was learnt
 * @param maskedEmail the e-mail address, masked likewise
 * @param counts entries per store
 */
public record ErasurePreview(String pseudonym, @Nullable String maskedPhone, @Nullable String maskedEmail,
        Map<ErasedStore, Long> counts, List<ErasureNote> notes) {

    public ErasurePreview {
        counts = Collections.unmodifiableMap(new EnumMap<>(counts));
        notes = List.copyOf(notes);
    }

    /** Entries in all stores. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}

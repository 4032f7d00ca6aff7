package com.profilebridge.profile;

import com.profilebridge.masking.MaskedProfile;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to one profile read.
 *
 * @param profiles masked profiles matching the identifier, best first (empty: nobody, or no data)
 * @param source where they came from
 * @param age how old the data is ({@link Duration#ZERO} for fresh)
 * @param problem why the CDP was not (successfully) asked: {@code cdp_timeout},
 *     {@code cdp_unavailable}, {@code circuit_open}; null when it answered or was not needed
 */
public record ProfileLookup(
        List<MaskedProfile> profiles, ProfileSource source, Duration age, @Nullable String problem) {

    public boolean found() {
        return !profiles.isEmpty();
    }

    /** True when the data came from the CDP or the cache without trouble. */
    public boolean healthy() {
        return problem == null;
    }
}

package com.profilebridge.profile;

import com.profilebridge.cdp.CdpProfile;
import java.time.Instant;
import java.util.List;

/** A cache entry: the masked profiles matching one identifier, and when the CDP gave them. */
record CachedMatches(List<CdpProfile> profiles, Instant fetchedAt) {

    CachedMatches {
        profiles = List.copyOf(profiles);
    }
}

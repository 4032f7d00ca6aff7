package com.profilebridge.cdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The profiles a CDP returned for one identifier, best match first. Every entry is a
 * {@link CdpProfile}, which cannot exist without a user id; {@link List#copyOf} refuses nulls, and a
 * profile listed twice is kept once (a CDP that repeats its best match in its candidates is one match,
 * not a household).
 */
public record CdpMatches(List<CdpProfile> profiles) {

    public CdpMatches {
        Set<String> seen = new HashSet<>();
        List<CdpProfile> distinct = new ArrayList<>(profiles.size());
        for (CdpProfile profile : profiles) {
            if (seen.add(Objects.requireNonNull(profile, "a match is a profile").userId())) {
                distinct.add(profile);
            }
        }
        profiles = List.copyOf(distinct);
    }

    public static CdpMatches none() {
        return new CdpMatches(List.of());
    }

    public boolean isEmpty() {
        return profiles.isEmpty();
    }
}

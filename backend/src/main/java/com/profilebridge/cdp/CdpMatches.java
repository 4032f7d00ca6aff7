package com.profilebridge.cdp;

import java.util.List;

/** The profiles a CDP returned for one identifier, best match first. */
public record CdpMatches(List<CdpProfile> profiles) {

    public CdpMatches {
        profiles = List.copyOf(profiles);
    }

    public static CdpMatches none() {
        return new CdpMatches(List.of());
    }

    public boolean isEmpty() {
        return profiles.isEmpty();
    }
}

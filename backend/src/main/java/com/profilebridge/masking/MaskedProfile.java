package com.profilebridge.masking;

import com.profilebridge.cdp.CdpProfile;

/**
 * A profile that has been through {@link PiiMasker}. Caches, responses and views take this type,
 * never a raw {@link CdpProfile}, so unmasked data cannot reach them by accident.
 */
public record MaskedProfile(CdpProfile profile) {

    public String userId() {
        return profile.userId();
    }

    /** For deserialising cache entries that were masked before they were stored. */
    public static MaskedProfile alreadyMasked(CdpProfile profile) {
        return new MaskedProfile(profile);
    }
}

package com.profilebridge.identity;

/** What the IVR should do with the caller. */
public enum IdentityStatus {
    /** Confidence at or above the threshold: proceed with enrichment. */
    VERIFIED,
    /** Matched, but below the threshold: route to PIN / security question. */
    NEEDS_VERIFICATION,
    /** No profile: default guest journey. */
    GUEST
}

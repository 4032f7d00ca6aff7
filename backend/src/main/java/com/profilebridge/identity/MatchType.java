package com.profilebridge.identity;

/** How the caller was matched to a profile. */
public enum MatchType {
    /**
     * A CDP user id the CDP knows, as the caller typed it: a claim, not proof (needs verification);
     * with an agreeing e-mail and phone it is {@link #EMAIL_AND_PHONE}, with a disagreeing one
     * {@link #CONFLICT}.
     */
    CDP_USER_ID,
    /** A CDP user id the CDP knows and the IVR verified (PIN, knowledge questions): deterministic. */
    CDP_USER_ID_VERIFIED,
    /** E-mail and phone agree on one profile: deterministic. */
    EMAIL_AND_PHONE,
    /** E-mail alone, one profile. */
    EMAIL,
    /** E-mail shared by several profiles. */
    EMAIL_SHARED,
    /** Phone alone, one profile: probabilistic. */
    PHONE,
    /** Phone shared by several profiles (a household): probabilistic, lower. */
    PHONE_SHARED,
    /** The identifiers (user id, e-mail, phone) point at different profiles. */
    CONFLICT,
    /** Nothing matched. */
    NONE,
    /** An agent asked the security question and marked the caller verified as this customer. */
    AGENT_VERIFIED
}

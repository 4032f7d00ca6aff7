package com.profilebridge.identity;

/** How the caller was matched to a profile. */
public enum MatchType {
    /** A CDP user id the CDP knows: deterministic. */
    CDP_USER_ID,
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
    /** E-mail and phone point at different profiles. */
    CONFLICT,
    /** Nothing matched. */
    NONE
}

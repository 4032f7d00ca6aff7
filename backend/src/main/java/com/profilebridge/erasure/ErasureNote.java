package com.profilebridge.erasure;

/** Something an administrator must know about an erasure's reach. */
public enum ErasureNote {
    /** The CDP did not answer: the phone number and e-mail address were learnt from this instance's cache only. */
    CDP_UNREACHABLE,
    /** The CDP knows no such customer: no phone number or e-mail address was learnt from it. */
    NOT_IN_CDP,
    /** The shared cache (Redis) could not be reached: caches were not erased; run the erasure again. */
    SHARED_CACHE_UNREACHABLE
}

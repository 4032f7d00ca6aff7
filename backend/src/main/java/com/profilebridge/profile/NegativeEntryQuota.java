package com.profilebridge.profile;

import java.util.function.BooleanSupplier;

/**
 * Bounds how many "nobody matched" entries one caller can put into the caches: identifiers are
 * chosen by the caller, and without a bound an anonymous flood of made-up numbers would fill the
 * bounded L1 and Redis with answers nobody needs. The answer itself is never refused, only not kept.
 */
@FunctionalInterface
public interface NegativeEntryQuota {

    /**
     * The allowance of the caller of the current request, taken on the request's thread (the CDP
     * answer arrives on another one); asked only when the CDP knew nobody.
     */
    BooleanSupplier currentCaller();

    /** No bound (no web request, tests). */
    NegativeEntryQuota UNLIMITED = () -> () -> true;
}

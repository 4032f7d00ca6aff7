/**
 * What the vendor adapters ({@code segment}, {@code adobe}, {@code salesforce}, {@code http}) share:
 * their HTTP clients and the reading of a vendor's {@code Retry-After}. Internal to the cdp module.
 */
@NullMarked
package com.profilebridge.cdp.vendor;

import org.jspecify.annotations.NullMarked;

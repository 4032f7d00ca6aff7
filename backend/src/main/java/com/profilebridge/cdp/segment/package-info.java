/**
 * The Segment adapter ({@code cdp.provider=segment}): lookups through the Profile API, outcomes
 * through the Tracking API's {@code batch} call.
 */
@NullMarked
package com.profilebridge.cdp.segment;

import org.jspecify.annotations.NullMarked;

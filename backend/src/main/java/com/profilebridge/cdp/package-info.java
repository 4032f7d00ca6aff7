/**
 * The CDP port: {@link com.profilebridge.cdp.CdpClient} and its records. One internal sub-package per
 * vendor ({@code demo}, {@code http}; {@code segment}, {@code adobe}, {@code salesforce} to come).
 */
@NullMarked
package com.profilebridge.cdp;

import org.jspecify.annotations.NullMarked;

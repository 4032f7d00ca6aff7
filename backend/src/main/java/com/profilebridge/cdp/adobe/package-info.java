/**
 * The Adobe Experience Platform Real-Time CDP adapter ({@code cdp.provider=adobe}): profile lookups
 * through the Profile Access API ({@code /data/core/ups/access/entities}), outcomes through a
 * streaming ingestion inlet in batches, Adobe IMS client-credentials auth.
 */
@NullMarked
package com.profilebridge.cdp.adobe;

import org.jspecify.annotations.NullMarked;

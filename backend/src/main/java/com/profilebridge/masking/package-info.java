/**
 * PII masking at the edge: applied to every profile before it is cached, shown or logged. The
 * full masking engine (policies per role and field) will grow here behind {@link com.profilebridge.masking.PiiMasker}.
 */
@NullMarked
package com.profilebridge.masking;

import org.jspecify.annotations.NullMarked;

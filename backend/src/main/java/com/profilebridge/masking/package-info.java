/**
 * PII masking at the edge: one engine ({@link com.profilebridge.masking.PiiMasker}), a field
 * policy by name and detectors for free text, applied to every profile before it is cached or
 * answered, to outcomes before they are stored or sent, and to every log line.
 */
@NullMarked
package com.profilebridge.masking;

import org.jspecify.annotations.NullMarked;

/** Masking for log output: Logback converters that run every message, MDC value and exception through the masker. */
@NullMarked
package com.profilebridge.masking.logging;

import org.jspecify.annotations.NullMarked;

/**
 * Rate limits and the agent bulkhead: per IVR integration on {@code /v1/**} (also in the resolve
 * fast path), per agent on the widget and the REST proxy (its {@code refresh=true} separately), per
 * client address on outbound token checks, per caller on "nobody matched" cache entries. Resilience4j
 * rate limiters, one per key, held in bounded Caffeine caches; all per instance (docs/security/edge.md).
 */
@NullMarked
package com.profilebridge.ratelimit;

import org.jspecify.annotations.NullMarked;

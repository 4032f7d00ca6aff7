/**
 * Profile reads through the cache: Caffeine L1, Redis L2 (production), fresh / stale entries,
 * single-flight refreshes, the CDP's circuit breaker and time budgets. The only way the rest of
 * the product reads from the CDP.
 */
@NullMarked
package com.profilebridge.profile;

import org.jspecify.annotations.NullMarked;

/**
 * Interaction outcomes (call ended, disposition saved) on their way to the CDP: intake with
 * dedupe, attribution to a customer, a settle window so the last disposition wins, and a durable
 * outbox delivered by workers with retries and dead letters.
 */
@NullMarked
package com.profilebridge.outcome;

import org.jspecify.annotations.NullMarked;

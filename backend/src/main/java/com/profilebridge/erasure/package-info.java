/**
 * Erasure of one customer ("right to be forgotten"), for {@code ADMIN}s: every store the bridge
 * keeps (caches on every instance, interaction links, outcome records, the audit trail's customer
 * references) is searched and the customer removed or pseudonymised; the erasure itself is audited.
 * The CDP is not reached from here (docs/console/erasure.md says how to forward the request).
 */
@NullMarked
package com.profilebridge.erasure;

import org.jspecify.annotations.NullMarked;

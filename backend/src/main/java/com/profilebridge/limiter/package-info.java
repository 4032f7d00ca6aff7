/**
 * Rate limiters by key, in this instance's memory or shared by every instance through Redis:
 * {@link com.profilebridge.limiter.Limiters} builds them, {@link com.profilebridge.limiter.Limiter}
 * is what callers (the request limits, the widget's Refresh, the CDP adapters' vendor limits) hold.
 * A shared limiter is a GCRA in one Lua script on Redis's clock; when Redis cannot answer within its
 * short timeout the instance's own limiter decides (docs/security/edge.md, "Per instance or shared").
 */
@NullMarked
package com.profilebridge.limiter;

import org.jspecify.annotations.NullMarked;

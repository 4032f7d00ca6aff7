/**
 * "Show a profile to a person": look the customer up, audit or refuse, work out how sure the
 * identity is, mask for the viewer's role, and answer with one of a closed set of
 * {@link com.profilebridge.profileview.ProfileView} outcomes (shown, shown from the cache while the
 * customer data service is down, a household to choose from, not found and why, data service down
 * with nothing saved, audit unavailable, not allowed). The agent widget, the REST proxy and the
 * console search all use it ({@link com.profilebridge.profileview.ProfileViews}); see
 * docs/console/search.md.
 */
@NullMarked
package com.profilebridge.profileview;

import org.jspecify.annotations.NullMarked;

/**
 * "Show a profile to a person": look the customer up, audit or refuse, work out how sure the
 * identity is, and answer with one of a closed set of {@link com.profilebridge.profileview.ProfileView}
 * outcomes (shown, a household to choose from, not found and why, data service down, audit
 * unavailable, not allowed). The agent widget uses it; the console search and the REST proxy can.
 */
@NullMarked
package com.profilebridge.profileview;

import org.jspecify.annotations.NullMarked;

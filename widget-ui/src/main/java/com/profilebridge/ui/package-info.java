/** Vaadin views: the demo desktop, the agent widget and the supervisor console. */
@NullMarked
package com.profilebridge.ui;

import org.jspecify.annotations.NullMarked;

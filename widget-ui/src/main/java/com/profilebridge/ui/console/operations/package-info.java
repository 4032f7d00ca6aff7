/** The console's operations page: live charts drawn as SVG on the server, dead letters, parked outcomes. */
@NullMarked
package com.profilebridge.ui.console.operations;

import org.jspecify.annotations.NullMarked;

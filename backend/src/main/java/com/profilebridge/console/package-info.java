/**
 * The supervisor console's use cases (roles in {@link com.profilebridge.console.ConsoleRoles}), each
 * guarded by method security so that the Vaadin views and the {@code /api/console/**} REST endpoints
 * enforce the same rule on the server.
 */
@NullMarked
package com.profilebridge.console;

import org.jspecify.annotations.NullMarked;
